import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signatureV3 } from '../../emulator/server/index.ts';
import { runLoad } from '../lib/load.ts';
import { round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';

const PORTAL_ID = 9_000_001;
const CLIENT_SECRET = 'bench-client-secret';
const PUBLIC_BASE_URL = 'https://waypoint.bench.example';
const CONCURRENCY = 50;
const serverScript = fileURLToPath(new URL('../children/card-server.ts', import.meta.url));

type Listening = { type: 'listening'; port: number; companyIds: string[] };

/**
 * 50 concurrent callers against the signed card endpoint and, on the same server, the trivial /healthz: the card's
 * latency quoted as a multiple of that floor, so the figure holds on any machine.
 */
scenarioMain(async ({ quick, seed }) => {
  const seeded = await seededStoreDir({ size: 'S', seed, portalId: PORTAL_ID });
  const server = fork(serverScript, ['--dataDir', seeded.dataDir, '--portalId', String(PORTAL_ID), '--clientSecret', CLIENT_SECRET, '--publicBaseUrl', PUBLIC_BASE_URL], {
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
    const cardRequests = () => {
      const timestamp = Date.now();
      return Array.from({ length: count }, (_, i) => {
        const path = `/api/cards/company?portalId=${PORTAL_ID}&objectId=${ready.companyIds[i % ready.companyIds.length]}`;
        const signature = signatureV3(CLIENT_SECRET, 'GET', `${PUBLIC_BASE_URL}${path}`, '', timestamp);
        return { url: `${local}${path}`, headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) } };
      });
    };
    // Warm both paths (JIT, connection pool, the store's caches) before anything is timed.
    await runLoad(floorRequests().slice(0, 300), CONCURRENCY);
    await runLoad(cardRequests().slice(0, 300), CONCURRENCY);
    const floor = await runLoad(floorRequests(), CONCURRENCY);
    const card = await runLoad(cardRequests(), CONCURRENCY);
    if (card.failures > 0 || floor.failures > 0) throw new Error(`${card.failures} card and ${floor.failures} floor requests did not answer 200`);
    return {
      figures: {
        'card.p50RatioToFloor': round(card.p50Ms / floor.p50Ms),
        'card.p99RatioToFloor': round(card.p99Ms / floor.p99Ms),
        'card.requestsPerSec': round(card.requestsPerSec, 0),
      },
      missing: {},
      notes: [`${count} requests each at ${CONCURRENCY} concurrent; floor /healthz ${Math.round(floor.requestsPerSec)} req/s`],
    };
  } finally {
    server.kill('SIGKILL');
    await seeded.cleanup();
  }
});
