import { Rng } from '../../emulator/generator/index.ts';
import { startSchedule } from '../../src/jobs/schedule.ts';
import { fitChangeLatency, probeCompanies } from '../lib/freshness-probe.ts';
import { percentile, round } from '../lib/measure.ts';
import { startPipeline } from '../lib/pipeline.ts';
import { registerProductionWorkers } from '../lib/production-workers.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { startWebhookRig } from '../lib/webhook-rig.ts';

// The production schedule polls every 15 minutes; here every 2 seconds, so the polling figure is that interval's.
const POLL_CRON = '*/2 * * * * *';

/**
 * From an edit in HubSpot to Waypoint's property written back to HubSpot, through the production route and job
 * handlers: webhooks (route, process-webhooks job, score-portal job with write-back), then with webhooks off the
 * scheduled incremental sync (cron, sync-portal job, score-portal job with write-back).
 */
scenarioMain(async ({ quick, seed }) => {
  const pipeline = await startPipeline({ size: 'S', seed });
  const portalId = pipeline.portalIds[0] as number;
  await pipeline.fullSync(portalId);
  await pipeline.provision(portalId);
  await pipeline.score(portalId);
  await pipeline.writeBack(portalId);
  const rig = await startWebhookRig(pipeline, { duplicateRate: 0, seed, processEvents: false });
  await registerProductionWorkers(pipeline, rig.queue, rig.relayOrigin);
  try {
    const companies = probeCompanies(pipeline, portalId, seed);
    const samples = quick ? 15 : 40;
    const webhook: number[] = [];
    for (const companyId of companies.splice(0, samples)) webhook.push(await fitChangeLatency(pipeline, portalId, companyId, 30_000));

    pipeline.emulator.configureWebhooks({ enabled: false });
    const schedule = startSchedule({
      queue: rig.queue, logger: pipeline.logger, listActivePortals: async () => [portalId], incrementalCron: POLL_CRON, fullCron: '0 0 1 1 *',
    });
    const polling: number[] = [];
    const rng = new Rng(seed + 1);
    try {
      for (const companyId of companies.splice(0, quick ? 8 : 20)) {
        // Edits land at any moment of the polling cycle, not just after a sync.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(rng.next() * 2_000)));
        polling.push(await fitChangeLatency(pipeline, portalId, companyId, 60_000));
      }
    } finally {
      schedule.stop();
    }
    return {
      figures: { 'freshness.webhookP95Ms': round(percentile(webhook, 95), 0), 'freshness.pollingP95Ms': round(percentile(polling, 95), 0) },
      missing: {},
      notes: [
        `webhooks: ${webhook.length} edits, p50 ${Math.round(percentile(webhook, 50))} ms; polling every 2 s: ${polling.length} edits, p50 ${Math.round(percentile(polling, 50))} ms`,
        'in production the incremental schedule is 15 minutes, which adds up to 15 minutes to the polling figure',
      ],
    };
  } finally {
    await rig.stop();
    await pipeline.stop();
  }
});
