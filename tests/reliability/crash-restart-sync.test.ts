import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePortal, Rng } from '../../emulator/generator/index.ts';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { startChild } from './helpers/child-process.ts';
import { runWithCrashes } from './helpers/crash-loop.ts';
import { freshStoreTarget, storeKinds, type StoreKind } from './helpers/store-target.ts';

const quick = process.env.RELIABILITY_QUICK === '1';
const TIME_SCALE = 0.01;
const syncChild = fileURLToPath(new URL('./helpers/sync-child.ts', import.meta.url));
type Done = { type: 'done'; hash: string; requests: number };
const isDone = (m: unknown): m is Done => (m as { type?: string }).type === 'done';

let emulator: Emulator;
let portalId = 0;
let token = '';
beforeAll(async () => {
  const portal = generatePortal({ size: 'S', seed: 42, portalId: 9_200_001 });
  emulator = await startEmulator({ portals: [portal], timeScale: TIME_SCALE, tokenTtlSeconds: 24 * 3600, webhooks: { enabled: false } });
  portalId = portal.portalId;
  token = emulator.issueToken(portalId).access_token;
});
afterAll(() => emulator.stop());

const syncIn = async (kind: StoreKind, killPoints: readonly number[]) => {
  const target = await freshStoreTarget(kind);
  try {
    const start = () => startChild(syncChild, [...target.args, '--baseUrl', emulator.baseUrl, '--token', token, '--portalId', String(portalId), '--timeScale', String(TIME_SCALE)]);
    return await runWithCrashes(start, killPoints, isDone);
  } finally {
    await target.cleanup();
  }
};

describe.each(storeKinds())('a full sync killed -9 and restarted (%s store)', (kind) => {
  let uninterrupted: Done;
  beforeAll(async () => {
    uninterrupted = (await syncIn(kind, [])).done;
  }, 300_000);

  const scenarios = quick ? 2 : 6;
  it.each(Array.from({ length: scenarios }, (_, i) => [i + 1]))('when killed at seeded random moments (scenario %i), then the restarted sync leaves exactly the uninterrupted store', async (scenario) => {
    const rng = new Rng(1_000 + scenario);
    const points = Array.from({ length: quick ? 2 : 3 }, () => 1 + Math.floor(rng.next() * uninterrupted.requests * 0.6));
    const { done, kills } = await syncIn(kind, points);
    expect(kills).toBeGreaterThan(0);
    expect(done.hash).toBe(uninterrupted.hash);
  });
});
