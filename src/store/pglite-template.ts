import { execFile } from 'node:child_process';
import { access, cp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const pgliteVersion = (): string => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = createRequire(entry)(join(dirname(entry), '..', 'package.json')) as { version: string };
  return manifest.version;
};

export const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

// The build script sits next to this file, as .ts in the checkout and .js in the compiled output.
const builder = fileURLToPath(new URL(`./pglite-template-build${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

let ready: Promise<string> | undefined;

/**
 * A freshly initialised data directory, built once per machine and PGlite release (a data directory is only
 * readable by the PostgreSQL build that wrote it) in a child process, then reused by every new store, so no Waypoint
 * process runs initdb itself: issue 14 measured about 230 MB and most of a fresh store's start-up time for it.
 */
const template = (): Promise<string> => {
  ready ??= (async () => {
    const folder = join(tmpdir(), `waypoint-pglite-${pgliteVersion()}`);
    if (!(await exists(join(folder, 'pgdata.tar.gz')))) await run(process.execPath, ['--liftoff-only', builder, folder], { timeout: 300_000 });
    return folder;
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
};

/** Fills an empty data folder with the template: plain file copies, nothing held in memory. */
export const copyTemplateInto = async (dataDir: string): Promise<void> => {
  await cp(join(await template(), 'pgdata'), dataDir, { recursive: true });
};

/** The template as the tarball PGlite loads into an in-memory store. */
export const templateTarball = async (): Promise<Blob> => new Blob([await readFile(join(await template(), 'pgdata.tar.gz'))]);
