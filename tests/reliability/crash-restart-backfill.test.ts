import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markInstalled } from '../../bench/lib/production-workers.ts';
import { seededStoreDir } from '../../bench/lib/seeded-store.ts';
import { DEFAULT_NOW, Rng } from '../../emulator/generator/index.ts';
import { openStore } from '../../src/store/open-store.ts';
import { startChild } from './helpers/child-process.ts';
import { runWithCrashes } from './helpers/crash-loop.ts';

const quick = process.env.RELIABILITY_QUICK === '1';
const SIZE = quick ? 'S' : 'M';
const PORTAL_ID = 9_400_001;
const HOUR = 3_600_000;
const child = fileURLToPath(new URL('./helpers/backfill-job-child.ts', import.meta.url));
type Done = { type: 'done'; chunks: number; cardRows: number; distinct: number; cards: string; status: string | null; cardsStored: number; rescoreRequests: number };
const isDone = (m: unknown): m is Done => (m as { type?: string }).type === 'done';

let seeded: { dataDir: string; cleanup(): Promise<void> };
beforeAll(async () => {
  seeded = await seededStoreDir({ size: SIZE, seed: 42, portalId: PORTAL_ID });
}, 600_000);
afterAll(async () => seeded?.cleanup());

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A store as the install's first full sync leaves it, with the portal installed and no score history at all. */
const syncedStore = async (): Promise<string> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-backfill-job-'));
  dirs.push(dataDir);
  await cp(seeded.dataDir, dataDir, { recursive: true });
  const db = await openStore({ kind: 'pglite', dataDir });
  await markInstalled(db, PORTAL_ID);
  await db.close();
  return dataDir;
};

// Every start runs an hour after the previous one, as a retry after the heartbeat lapses would: points must not move.
const backfillWithCrashes = (dataDir: string, killPoints: readonly number[]) => {
  let starts = 0;
  return runWithCrashes(() => startChild(child, [
    '--dataDir', dataDir, '--baseUrl', 'http://127.0.0.1:9', '--token', 'unused', '--portalId', String(PORTAL_ID),
    '--now', new Date(Date.parse(DEFAULT_NOW) + (starts++) * HOUR).toISOString(),
  ]), killPoints, isDone, 300_000, 'stored');
};

describe(`the backfill job of a ${SIZE} portal killed -9 and restarted`, () => {
  let clean: Done;
  beforeAll(async () => {
    clean = (await backfillWithCrashes(await syncedStore(), [])).done;
    // A backfill that stored little would make every comparison below pass for nothing.
    expect(clean.chunks).toBeGreaterThan(3);
    expect(clean.cardRows).toBeGreaterThan(clean.chunks * 20 * 10);
    expect(clean).toMatchObject({ status: 'done', distinct: clean.cardRows, cardsStored: clean.cardRows, rescoreRequests: 1 });
  }, 600_000);

  it.each(Array.from({ length: quick ? 2 : 3 }, (_, i) => [i + 1]))(
    'when killed mid-way (scenario %i), then the restarted job finishes with exactly the cards of a clean run: none missing, none twice',
    async (scenario) => {
      const rng = new Rng(4_000 + scenario);
      const points = Array.from({ length: quick ? 1 : 2 }, () => 1 + Math.floor(rng.next() * (clean.chunks - 1)));
      const { done, kills } = await backfillWithCrashes(await syncedStore(), points);
      expect(kills).toBeGreaterThan(0);
      expect(done).toMatchObject({ status: 'done', cardRows: clean.cardRows, distinct: clean.cardRows, cards: clean.cards, rescoreRequests: 1 });
      // The last start resumed after the others' checkpoints: it committed only what was left.
      expect(done.chunks).toBeLessThan(clean.chunks);
    },
  );

  it('when enqueued again after it finished, then it stores nothing and asks for no rescore', async () => {
    const dataDir = await syncedStore();
    const first = (await backfillWithCrashes(dataDir, [])).done;
    const again = (await backfillWithCrashes(dataDir, [])).done;
    expect(again).toMatchObject({ chunks: 0, cardRows: first.cardRows, cards: first.cards, rescoreRequests: 1 });
  });
});
