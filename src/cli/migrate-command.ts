import { parseArgs } from 'node:util';
import { migrate, migrationStatus } from '../store/migrate.ts';
import type { CliIo } from './io.ts';
import { openConfiguredStore } from './open-configured-store.ts';

export const migrateUsage = [
  'usage: npm run waypoint -- migrate [--status]',
  '  Brings the store named by DATABASE_URL (or the embedded one under DATA_DIR) up to this release\'s schema.',
  '  --status   only list each migration as applied (with when) or pending; exits 1 while any is pending',
  '  Processes also migrate at start; run this first to apply a release\'s schema change in one known step.',
].join('\n');

export const runMigrateCommand = async (args: string[], io: CliIo): Promise<number> => {
  let values: { status?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { status: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${migrateUsage}`);
    return 2;
  }
  if (values.help) {
    io.out(migrateUsage);
    return 0;
  }
  const db = await openConfiguredStore(io, { migrateSchema: false });
  if (!db) return 1;
  try {
    if (values.status) {
      const states = await migrationStatus(db);
      for (const state of states) io.out(`${state.appliedAt === null ? 'pending' : 'applied'}  ${state.version}${state.appliedAt ? `  ${state.appliedAt}` : ''}`);
      const pending = states.filter((s) => s.appliedAt === null).length;
      io.out(pending === 0 ? `${db.kind} store: schema is current` : `${db.kind} store: ${pending} migration(s) pending`);
      return pending === 0 ? 0 : 1;
    }
    const { applied } = await migrate(db);
    for (const version of applied) io.out(`applied  ${version}`);
    io.out(applied.length === 0 ? `${db.kind} store: schema was already current` : `${db.kind} store: ${applied.length} migration(s) applied`);
    return 0;
  } finally {
    await db.close();
  }
};
