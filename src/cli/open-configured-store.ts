import { formatConfigProblems, loadConfig } from '../config/env.ts';
import type { Db } from '../store/db.ts';
import { openStore } from '../store/open-store.ts';
import type { CliIo } from './io.ts';

/** The store the server uses (DATABASE_URL, or the embedded one under DATA_DIR), or null after printing why not. */
export const openConfiguredStore = async (io: CliIo, opening: Parameters<typeof openStore>[1] = {}): Promise<Db | null> => {
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return null;
  }
  return openStore(config.value.store, opening);
};
