import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { signatureV3 } from '../../emulator/server/index.ts';
import { runLoad } from '../lib/load.ts';
import { percentile, round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { freshPostgresDatabase } from '../../tests/helpers/stores.ts';
import { CARD_CACHE_TTL_MS } from '../../src/server/cards/card-cache.ts';

const PORTAL_ID = 9_000_001;
const CLIENT_SECRET = 'bench-client-secret';
const PUBLIC_BASE_URL = 'https://waypoint.bench.example';
const CONCURRENCY = 50;
// Longer than the card endpoint keeps a serialized body (CARD_CACHE_TTL_MS), so each first-view round starts with
// nothing cached.
const CARD_CACHE_WAIT_MS = CARD_CACHE_TTL_MS + 1_000;
// A first-view pass is only 136 requests, so one pass against a floor timed at another moment moves with the
// machine's load; the median of paired rounds does not.
const FIRST_VIEW_ROUNDS = 7;
const serverScript = fileURLToPath(new URL('../children/card-server.ts', import.meta.url));

type Listening = { type: 'listening'; port: number; companyIds: string[] };

/**
 * 50 concurrent callers against the signed card endpoint and, on the same server, the trivial /healthz: the card's
 * latency quoted as a multiple of that floor, so the figure holds on any machine. On the embedded store, or
 * (`--store postgres`) on a fresh database on the server in DATABASE_URL.
 */
scenarioMain(async ({ quick, seed, store }) => {
  const url = process.env.DATABASE_URL;
  if (store === 'postgres' && !url) throw new Error('--store postgres needs DATABASE_URL (scripts/test-postgres.sh prints one)');
  const postgres = store === 'postgres' && url ? await freshPostgresDatabase(url) : undefined;
  const seeded = await seededStoreDir({ size: 'S', seed, portalId: PORTAL_ID, ...(postgres ? { databaseUrl: postgres.url } : {}) });
  const storeArgs = postgres ? ['--databaseUrl', postgres.url] : ['--dataDir', seeded.dataDir];
  const key = store === 'postgres' ? 'card.postgres' : 'card';
  const server = fork(serverScript, [...storeArgs, '--portalId', String(PORTAL_ID), '--clientSecret', CLIENT_SECRET, '--publicBaseUrl', PUBLIC_BASE_URL], {
    execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Listening>((resolve, reject) => {
      server.on('message', (message) => {
        if ((message as Listening).type === 'listening') resolve(message as Listening);
      });
      server.once('exit', (code) => reject(new Error(`card server exited (code ${code})`)));
    });
    const local = `http://127.0.0.1:${ready.port}`;
    const count = quick ? 1_500 : 5_000;
    const floorRequests = () => Array.from({ length: count }, () => ({ url: `${local}/healthz`, headers: {} }));
    const cardRequests = (n = count) => {
      const timestamp = Date.now();
      return Array.from({ length: n }, (_, i) => {
        const path = `/api/cards/company?portalId=${PORTAL_ID}&objectId=${ready.companyIds[i % ready.companyIds.length]}`;
        const signature = signatureV3(CLIENT_SECRET, 'GET', `${PUBLIC_BASE_URL}${path}`, '', timestamp);
        return { url: `${local}${path}`, headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) } };
      });
    };
    // Warm both paths (JIT, connection pool) before anything is timed.
    await runLoad(floorRequests().slice(0, 300), CONCURRENCY);
    await runLoad(cardRequests(300).map((r, i) => ({ ...r, url: r.url.replace(/objectId=\d+/, `objectId=${ready.companyIds[i % 50]}`) })), CONCURRENCY);
    // Each round: the cached bodies expire, then as many /healthz requests as customers and every customer's card
    // once (a first view, which no cache can serve), back to back so both passes see the same load.
    const rounds: Array<{ p50: number; p99: number; floorPerSec: number; distinctPerSec: number }> = [];
    let failures = 0;
    for (let i = 0; i < FIRST_VIEW_ROUNDS; i += 1) {
      await sleep(CARD_CACHE_WAIT_MS);
      const roundFloor = await runLoad(floorRequests().slice(0, ready.companyIds.length), CONCURRENCY);
      const distinct = await runLoad(cardRequests(ready.companyIds.length), CONCURRENCY);
      failures += roundFloor.failures + distinct.failures;
      rounds.push({ p50: distinct.p50Ms / roundFloor.p50Ms, p99: distinct.p99Ms / roundFloor.p99Ms, floorPerSec: roundFloor.requestsPerSec, distinctPerSec: distinct.requestsPerSec });
    }
    const floor = await runLoad(floorRequests(), CONCURRENCY);
    const card = await runLoad(cardRequests(), CONCURRENCY);
    failures += card.failures + floor.failures;
    if (failures > 0) throw new Error(`${failures} requests did not answer 200`);
    const median = (pick: (r: (typeof rounds)[number]) => number) => percentile(rounds.map(pick), 50);
    const spread = (pick: (r: (typeof rounds)[number]) => number) => `${round(Math.min(...rounds.map(pick)))}-${round(Math.max(...rounds.map(pick)))}`;
    return {
      figures: {
        [`${key}.p50RatioToFloor`]: round(card.p50Ms / floor.p50Ms),
        [`${key}.p99RatioToFloor`]: round(card.p99Ms / floor.p99Ms),
        [`${key}.requestsPerSec`]: round(card.requestsPerSec, 0),
        [`${key}.distinctP50RatioToFloor`]: round(median((r) => r.p50)),
        [`${key}.distinctP99RatioToFloor`]: round(median((r) => r.p99)),
      },
      missing: {},
      notes: [
        `${count} requests each at ${CONCURRENCY} concurrent over ${ready.companyIds.length} customers; floor /healthz ${Math.round(floor.requestsPerSec)} req/s`,
        `first view: median of ${FIRST_VIEW_ROUNDS} paired rounds (${ready.companyIds.length} /healthz then each card once, cache expired before each); p50 ratio ${spread((r) => r.p50)}, p99 ratio ${spread((r) => r.p99)}; first views ${Math.round(median((r) => r.distinctPerSec))} req/s against /healthz ${Math.round(median((r) => r.floorPerSec))} (medians)`,
      ],
    };
  } finally {
    server.kill('SIGKILL');
    await seeded.cleanup();
    await postgres?.drop();
  }
});
