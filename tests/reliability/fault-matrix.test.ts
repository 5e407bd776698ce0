import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultOptions, PortalStats } from '../../emulator/server/index.ts';
import { startPipeline, type Pipeline } from '../../bench/lib/pipeline.ts';
import { storeContentHash } from '../../src/sync/store-content-hash.ts';
import { syncLikeTheQueue } from './helpers/sync-until-done.ts';

const quick = process.env.RELIABILITY_QUICK === '1';
const SIZE = quick ? 'S' : 'M';
const SEED = 42;

const pipelines: Pipeline[] = [];
const pipeline = async (faults: FaultOptions | null): Promise<Pipeline> => {
  const started = await startPipeline({ size: SIZE, seed: SEED, emulator: { faults } });
  pipelines.push(started);
  return started;
};
afterEach(async () => {
  for (const p of pipelines.splice(0)) await p.stop();
});

let faultFreeHash = '';
beforeAll(async () => {
  const clean = await pipeline(null);
  const portalId = clean.portalIds[0] as number;
  await clean.fullSync(portalId);
  faultFreeHash = await storeContentHash(clean.db, portalId);
  const [held] = await clean.db.query<{ n: string }>('SELECT count(*) AS n FROM crm_objects WHERE portal_id = $1', [portalId]);
  // An empty store would make every comparison below pass for nothing.
  expect(Number(held?.n)).toBeGreaterThan(100);
  await clean.stop();
  pipelines.splice(0);
}, 600_000);

// Each row: the faults, and the emulator counter that proves they really happened (latency leaves none of its own).
const matrix: Array<[string, FaultOptions, keyof PortalStats]> = [
  ['a 429 storm', { seed: 1, rate429: 0.3 }, 'http429'],
  ['a burst of 5xx answers', { seed: 2, rate5xx: 0.2 }, 'http5xx'],
  ['latency spikes', { seed: 3, latencyRate: 0.3, latencyMs: [50, 400] }, 'total'],
  ['dropped connections', { seed: 4, dropRate: 0.1 }, 'dropped'],
  ['malformed bodies', { seed: 5, malformedRate: 0.1 }, 'malformed'],
  ['all of them at once', { seed: 6, rate429: 0.1, rate5xx: 0.1, dropRate: 0.05, malformedRate: 0.05, latencyRate: 0.1, latencyMs: [20, 200] }, 'http5xx'],
];

describe(`full sync of a ${SIZE} portal under faults`, () => {
  it.each(matrix)('when HubSpot answers with %s, then the sync completes with the store a fault-free run leaves', async (_name, faults, counter) => {
    const faulty = await pipeline(faults);
    const portalId = faulty.portalIds[0] as number;
    await syncLikeTheQueue(faulty, portalId);
    const seen = faulty.emulator.stats().byPortal[String(portalId)] as PortalStats;
    expect(seen[counter]).toBeGreaterThan(0);
    expect(await storeContentHash(faulty.db, portalId)).toBe(faultFreeHash);
  });
});
