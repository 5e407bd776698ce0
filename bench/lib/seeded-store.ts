import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarioChild } from './child-runner.ts';

const seedScript = fileURLToPath(new URL('../children/seed-store.ts', import.meta.url));

/**
 * An embedded store on disk holding a generated portal's customers, filled by a child process; removed by cleanup.
 * With `databaseUrl` the child fills that (empty) PostgreSQL database instead, and the directory stays empty.
 */
export const seededStoreDir = async (options: {
  size: string; seed: number; portalId: number; usageDays?: number; timeoutMs?: number; databaseUrl?: string;
}): Promise<{ dataDir: string; cleanup(): Promise<void> }> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-bench-'));
  const args = [...(options.databaseUrl ? ['--databaseUrl', options.databaseUrl] : ['--dataDir', dataDir]), '--size', options.size, '--seed', String(options.seed), '--portalId', String(options.portalId)];
  if (options.usageDays !== undefined) args.push('--usageDays', String(options.usageDays));
  const outcome = await runScenarioChild(seedScript, args, options.timeoutMs ?? 15 * 60_000, 'seeded');
  if (!outcome.ok) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`seeding the store failed: ${outcome.message}`);
  }
  return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
};
