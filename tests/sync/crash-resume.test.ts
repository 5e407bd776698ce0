import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import type { RequestEvent } from '../../src/hubspot/request.ts';
import { openStore } from '../../src/store/open-store.ts';
import { syncRepository } from '../../src/store/sync-repository.ts';
import { storeContentHash } from '../../src/sync/store-content-hash.ts';
import { startHarness, type Harness } from './sync-harness.ts';

describe('a full sync interrupted and resumed', () => {
  let h: Harness;
  let reference: string;
  beforeAll(async () => {
    h = await startHarness({ seed: 23 });
    const clean = await openStore({ kind: 'pglite', dataDir: undefined });
    await syncPortal({ ...h.deps, db: clean }, { portalId: h.portalId, mode: 'full' });
    reference = await storeContentHash(clean, h.portalId);
    await clean.close();
  });
  afterAll(() => h.close());

  it('when it is aborted at several pages and each time restarted, then the store ends identical to an uninterrupted run', async () => {
    // Requests each attempt gets before its worker stops: during planning, companies, list and association phases.
    const attempts = [3, 11, 16, 17, 13];
    const phases = new Set<string>();
    for (const afterRequests of attempts) {
      const controller = new AbortController();
      let sent = 0;
      // A fresh door each time, as after a process restart: nothing survives but the store.
      await h.restart({ onRequest: (_event: RequestEvent) => {
        sent += 1;
        if (sent === afterRequests) controller.abort(new Error('worker stopped'));
      } });
      await expect(syncPortal(h.deps, { portalId: h.portalId, mode: 'full', signal: controller.signal })).rejects.toThrow('worker stopped');
      const cursor = (await syncRepository(h.db).checkpoint(h.portalId, 'full')) as { phase: string } | null;
      expect(cursor).not.toBeNull();
      phases.add(cursor?.phase ?? '');
    }
    expect(phases.size).toBeGreaterThanOrEqual(3);
    await h.restart();
    const resumed = await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    expect(resumed.mode).toBe('full');
    expect(await storeContentHash(h.db, h.portalId)).toBe(reference);
    const runs = await syncRepository(h.db).recentRuns(h.portalId, 10);
    expect(runs.filter((r) => r.kind === 'full')).toHaveLength(1);
    expect(runs[0]?.status).toBe('succeeded');
  });

  it('when a request fails for good mid-sync, then the run is marked failed and the next attempt completes it identically', async () => {
    const fresh = await openStore({ kind: 'pglite', dataDir: undefined });
    let calls = 0;
    const failing: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls > 25) throw new TypeError('fetch failed: connection reset');
      return fetch(input, init);
    };
    await h.restart({ fetchImpl: failing, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const deps = { ...h.deps, db: fresh };
    await expect(syncPortal(deps, { portalId: h.portalId, mode: 'full' })).rejects.toThrow();
    const [failed] = await syncRepository(fresh).recentRuns(h.portalId, 1);
    expect(failed).toMatchObject({ status: 'failed', error: expect.any(String) });
    await h.restart();
    await syncPortal({ ...h.deps, db: fresh }, { portalId: h.portalId, mode: 'full' });
    expect(await storeContentHash(fresh, h.portalId)).toBe(reference);
    await fresh.close();
  });
});
