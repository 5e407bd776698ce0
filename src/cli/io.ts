/** What a command needs from the outside world, so commands run in tests without touching the disk or the clock. */
export type CliIo = {
  readFile(path: string): string;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
  /** The process environment with .env applied: commands that open the store read DATABASE_URL / DATA_DIR here. */
  env: Record<string, string | undefined>;
};
