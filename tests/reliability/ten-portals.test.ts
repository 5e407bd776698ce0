import { afterEach, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../../bench/lib/pipeline.ts';
import { storeContentHash } from '../../src/sync/store-content-hash.ts';
import { syncLikeTheQueue } from './helpers/sync-until-done.ts';

const PORTALS = 10;
const pipelines: Pipeline[] = [];
afterEach(async () => {
  for (const p of pipelines.splice(0)) await p.stop();
});

/** Every request carrying the broken portal's token meets a HubSpot that answers 503, for as long as the test runs. */
const brokenFor = (portalIndex: number) => (tokens: Readonly<Record<string, string>>): typeof fetch => {
  const brokenToken = Object.values(tokens)[portalIndex];
  return async (input, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    if (authorization === `Bearer ${brokenToken}`) {
      const body = JSON.stringify({ status: 'error', message: 'Service unavailable', correlationId: 'broken-portal', category: 'INTERNAL_ERROR' });
      return new Response(body, { status: 503, headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
};

it('when ten portals sync at once and one portal\'s HubSpot fails throughout, then the other nine finish exactly as each would alone', async () => {
  const alone = await startPipeline({ portals: PORTALS, size: 'S', seed: 500 });
  pipelines.push(alone);
  const soloHashes = new Map<number, string>();
  for (const portalId of alone.portalIds) {
    await alone.fullSync(portalId);
    soloHashes.set(portalId, await storeContentHash(alone.db, portalId));
  }

  const BROKEN = 3;
  const together = await startPipeline({ portals: PORTALS, size: 'S', seed: 500, doorFetch: brokenFor(BROKEN) });
  pipelines.push(together);
  const outcomes = await Promise.allSettled(together.portalIds.map((portalId) => syncLikeTheQueue(together, portalId)));

  const brokenId = together.portalIds[BROKEN] as number;
  expect(outcomes[BROKEN]?.status).toBe('rejected');
  expect(together.hubspot.stats(brokenId).failures).toBeGreaterThan(0);
  for (const [index, portalId] of together.portalIds.entries()) {
    if (index === BROKEN) continue;
    expect(outcomes[index]?.status, `portal ${portalId}`).toBe('fulfilled');
    expect(await storeContentHash(together.db, portalId), `portal ${portalId}`).toBe(soloHashes.get(portalId));
  }
  const [brokenRows] = await together.db.query<{ n: string }>('SELECT count(*) AS n FROM crm_objects WHERE portal_id = $1', [brokenId]);
  expect(Number(brokenRows?.n)).toBe(0);
});
