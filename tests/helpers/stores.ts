import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';

/** A fresh, empty PostgreSQL database on the server in DATABASE_URL, dropped by the returned cleanup. */
export const freshPostgresDatabase = async (baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `waypoint_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

export type StoreBackend = { name: string; open(): Promise<{ db: Db; cleanup(): Promise<void> }> };

/** The embedded store always; real PostgreSQL too whenever DATABASE_URL points at one. */
export const storeBackends = (): StoreBackend[] => {
  const backends: StoreBackend[] = [
    {
      name: 'pglite',
      open: async () => {
        const db = await openStore({ kind: 'pglite', dataDir: undefined });
        return { db, cleanup: () => db.close() };
      },
    },
  ];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    backends.push({
      name: 'postgres',
      open: async () => {
        const fresh = await freshPostgresDatabase(databaseUrl);
        const db = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
        return { db, cleanup: async () => { await db.close(); await fresh.drop(); } };
      },
    });
  }
  return backends;
};
