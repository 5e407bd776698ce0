import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type EnvFileResult = { env: Record<string, string | undefined>; loadedFrom: string | undefined };

/**
 * `.env` beside the process, parsed by Node's own reader. A variable already set in the real environment wins, so an
 * orchestrator's settings are never overridden by a file left on disk. A missing file is the normal case.
 */
export const withEnvFile = (env: Record<string, string | undefined>, path = '.env'): EnvFileResult => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { env, loadedFrom: undefined };
    throw new Error(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  const fromFile = parseEnv(text);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return { env: merged, loadedFrom: path };
};
