import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions } from '../../../src/store/open-store.ts';
import { freshPostgresDatabase } from '../../helpers/stores.ts';

/** Where a child process keeps its store: an embedded store on disk, or a fresh PostgreSQL database. */
export interface StoreTarget {
  name: string;
  options: StoreOptions;
  /** Command-line arguments the helper children read their store from. */
  args: string[];
  cleanup(): Promise<void>;
}

export type StoreKind = 'pglite' | 'postgres';

export const storeKinds = (): StoreKind[] => (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);

export const freshStoreTarget = async (kind: StoreKind): Promise<StoreTarget> => {
  if (kind === 'postgres') {
    const fresh = await freshPostgresDatabase(process.env.DATABASE_URL as string);
    return { name: kind, options: { kind, databaseUrl: fresh.url }, args: ['--databaseUrl', fresh.url], cleanup: fresh.drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-reliability-'));
  return { name: kind, options: { kind, dataDir }, args: ['--dataDir', dataDir], cleanup: () => rm(dataDir, { recursive: true, force: true }) };
};

/** The store options a helper child was given on its command line. */
export const storeFromArgs = (values: { dataDir?: string; databaseUrl?: string }): StoreOptions => {
  if (values.databaseUrl) return { kind: 'postgres', databaseUrl: values.databaseUrl };
  if (values.dataDir) return { kind: 'pglite', dataDir: values.dataDir };
  throw new Error('a helper child needs --dataDir or --databaseUrl');
};
