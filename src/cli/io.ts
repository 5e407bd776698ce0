/** What a command needs from the outside world, so commands run in tests without touching the disk or the clock. */
export type CliIo = {
  readFile(path: string): string;
  /** Only the commands that save a file need it (backtest --write), so a test's io may leave it out. */
  writeFile?(path: string, text: string): void;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
  /** The process environment with .env applied: commands that open the store read DATABASE_URL / DATA_DIR here. */
  env: Record<string, string | undefined>;
};
