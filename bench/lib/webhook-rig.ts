import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Rng } from '../../emulator/generator/index.ts';
import { startQueue, type Queue } from '../../src/jobs/queue.ts';
import { processWebhooks } from '../../src/jobs/process-webhooks.ts';
import { createApp } from '../../src/server/create-app.ts';
import { listen, type RunningServer } from '../../src/server/listen.ts';
import { postWebhooksRouter } from '../../src/server/routes/post-webhooks.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Pipeline } from './pipeline.ts';
import { markInstalled } from './production-workers.ts';

/**
 * Waypoint's webhook path on a pipeline: the real route (verify, persist, enqueue) on a listening app, the real queue
 * with a process-webhooks worker, and in front of them a relay standing in for HubSpot's at-least-once delivery:
 * it forwards every batch and delivers a seeded share of them a second time.
 */
export interface WebhookRig {
  /** Events the worker reported processed, summed over every job run (an event processed twice counts twice). */
  processed(): number;
  /** Batches the relay delivered twice. */
  redelivered(): number;
  /** Resolves once the relay has nothing in flight and every stored event of the portal is processed. */
  settled(portalId: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
  queue: Queue;
  /** The origin HubSpot posts to (and signs): the relay's. */
  relayOrigin: string;
}

const storedCounts = async (pipeline: Pipeline, portalId: number) => {
  const [row] = await pipeline.db.query<{ open: string; total: string }>(
    'SELECT count(*) FILTER (WHERE processed_at IS NULL) AS open, count(*) AS total FROM webhook_events WHERE portal_id = $1', [portalId],
  );
  return { open: Number(row?.open ?? 0), total: Number(row?.total ?? 0) };
};

export const eventCounts = storedCounts;

const startRelay = (targetOrigin: () => string, duplicateRate: number, seed: number) => {
  const rng = new Rng(seed);
  let inFlight = 0;
  let duplicated = 0;
  const forward = async (path: string, headers: Record<string, string>, body: Buffer): Promise<number> => {
    inFlight += 1;
    try {
      const response = await fetch(`${targetOrigin()}${path}`, { method: 'POST', headers, body });
      await response.arrayBuffer();
      return response.status;
    } finally {
      inFlight -= 1;
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-hubspot-signature-v3', 'x-hubspot-request-timestamp']) headers[name] = String(req.headers[name] ?? '');
      const again = rng.next() < duplicateRate;
      void forward(req.url ?? '/', headers, body).then((status) => {
        res.writeHead(status).end();
        if (again && status === 200) {
          duplicated += 1;
          void forward(req.url ?? '/', headers, body);
        }
      }, () => res.writeHead(502).end());
    });
  });
  return { server, busy: () => inFlight > 0, duplicated: () => duplicated };
};

/** processEvents false leaves the process-webhooks queue to other handlers (the production workers). */
export const startWebhookRig = async (pipeline: Pipeline, options: { duplicateRate: number; seed: number; processEvents?: boolean }): Promise<WebhookRig> => {
  // The relay starts first (its URL is what HubSpot signs); the app it forwards to listens once the route knows that URL.
  const target: { app?: RunningServer } = {};
  const relay = startRelay(() => `http://127.0.0.1:${target.app?.port ?? 0}`, options.duplicateRate, options.seed);
  await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
  const relayOrigin = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
  // The webhook route drops events for portals that are not installed, as it must for HubSpot's own deliveries.
  for (const portalId of pipeline.portalIds) await markInstalled(pipeline.db, portalId);
  const queue = await startQueue(pipeline.db, pipeline.logger);
  let processed = 0;
  if (options.processEvents ?? true) {
    await queue.work('process-webhooks', async (data) => {
      processed += (await processWebhooks(pipeline.syncDeps, { portalId: data.portalId })).processed;
    }, { concurrency: 1 });
  }
  const router = postWebhooksRouter({
    db: pipeline.db, logger: pipeline.logger, appId: String(pipeline.emulator.appId),
    // HubSpot signs the URL it called: here the relay's.
    signature: { clientSecret: pipeline.emulator.clientSecret, publicBaseUrl: relayOrigin, clock: systemClock },
    enqueueProcessing: (portalId) => queue.enqueue('process-webhooks', portalId),
  });
  const app = await listen(createApp({ logger: pipeline.logger, db: pipeline.db, routers: [router] }), 0, '127.0.0.1');
  target.app = app;
  pipeline.emulator.configureWebhooks({ enabled: true, targetUrl: `${relayOrigin}/webhooks/hubspot` });
  return {
    queue,
    relayOrigin,
    processed: () => processed,
    redelivered: relay.duplicated,
    settled: async (portalId, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      await pipeline.emulator.webhooksIdle();
      for (;;) {
        const counts = await storedCounts(pipeline, portalId);
        if (!relay.busy() && counts.open === 0) {
          // A job run may still be between marking its last batch and returning its count.
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          if ((await storedCounts(pipeline, portalId)).open === 0 && !relay.busy()) return;
        }
        if (Date.now() > deadline) throw new Error(`webhook events still unprocessed after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: async () => {
      pipeline.emulator.configureWebhooks({ enabled: false });
      await queue.stop({ timeoutMs: 5_000 });
      await app.close(2_000);
      relay.server.closeAllConnections();
      await new Promise((resolve) => relay.server.close(resolve));
    },
  };
};
