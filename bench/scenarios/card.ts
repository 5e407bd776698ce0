import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signatureV3 } from '../../emulator/server/index.ts';
import { runLoad } from '../lib/load.ts';
import { round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { freshPostgresDatabase } from '../../tests/helpers/stores.ts';

const PORTAL_ID = 9_000_001;
const CLIENT_SECRET = 'bench-client-secret';
const PUBLIC_BASE_URL = 'https://waypoint.bench.example';
const CONCURRENCY = 50;
// Longer than the card endpoint keeps a serialized body, so the distinct pass starts with nothing cached.
const CARD_CACHE_WAIT_MS = 6_000;
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
    // Warm both paths (JIT, connection pool) before anything is timed, then let any cached card bodies expire.
    await runLoad(floorRequests().slice(0, 300), CONCURRENCY);
    await runLoad(cardRequests(300).map((r, i) => ({ ...r, url: r.url.replace(/objectId=\d+/, `objectId=${ready.companyIds[i % 50]}`) })), CONCURRENCY);
    await new Promise((resolve) => setTimeout(resolve, CARD_CACHE_WAIT_MS));
    const floor = await runLoad(floorRequests(), CONCURRENCY);
    // Every customer's card once: the first view of a record, which no cache can serve.
    const distinct = await runLoad(cardRequests(ready.companyIds.length), CONCURRENCY);
    const card = await runLoad(cardRequests(), CONCURRENCY);
    const failures = card.failures + floor.failures + distinct.failures;
    if (failures > 0) throw new Error(`${failures} requests did not answer 200`);
    return {
      figures: {
        [`${key}.p50RatioToFloor`]: round(card.p50Ms / floor.p50Ms),
        [`${key}.p99RatioToFloor`]: round(card.p99Ms / floor.p99Ms),
        [`${key}.requestsPerSec`]: round(card.requestsPerSec, 0),
        [`${key}.distinctP50RatioToFloor`]: round(distinct.p50Ms / floor.p50Ms),
        [`${key}.distinctP99RatioToFloor`]: round(distinct.p99Ms / floor.p99Ms),
      },
      missing: {},
      notes: [`${count} requests each at ${CONCURRENCY} concurrent over ${ready.companyIds.length} customers; floor /healthz ${Math.round(floor.requestsPerSec)} req/s; distinct (each card once) ${Math.round(distinct.requestsPerSec)} req/s`],
    };
  } finally {
    server.kill('SIGKILL');
    await seeded.cleanup();
    await postgres?.drop();
  }
});
