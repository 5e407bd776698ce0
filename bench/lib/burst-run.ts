import { editBurst, staleRecords } from './burst.ts';
import { round } from './measure.ts';
import { startPipeline } from './pipeline.ts';
import { eventCounts, startWebhookRig } from './webhook-rig.ts';

export interface BurstOutcome {
  emitted: number;
  stored: number;
  eventsPerSec: number;
  /** Events HubSpot sent that were never stored and processed, or whose edit the store does not show. */
  lost: number;
  /** Processing runs beyond one per distinct event. */
  duplicated: number;
  staleRecords: string[];
  /** Batches the relay delivered a second time. */
  redelivered: number;
  summary: string;
}

/**
 * A synced portal, then a burst of edits in HubSpot delivered through the webhook route with redeliveries; waits
 * until every event is processed and compares the store with HubSpot's final values.
 */
export const burstFigures = async (options: { events: number; duplicateRate: number; seed: number }): Promise<BurstOutcome> => {
  const pipeline = await startPipeline({ size: 'S', seed: options.seed });
  try {
    const portalId = pipeline.portalIds[0] as number;
    await pipeline.fullSync(portalId);
    const rig = await startWebhookRig(pipeline, { duplicateRate: options.duplicateRate, seed: options.seed });
    try {
      const emittedBefore = pipeline.emulator.stats().webhooks.emitted;
      const started = performance.now();
      const expected = await editBurst(pipeline, portalId, options.events, options.seed);
      await rig.settled(portalId, 300_000);
      const elapsedMs = performance.now() - started;
      const emitted = pipeline.emulator.stats().webhooks.emitted - emittedBefore;
      const counts = await eventCounts(pipeline, portalId);
      const stale = await staleRecords(pipeline, portalId, expected);
      const lost = Math.max(0, emitted - (counts.total - counts.open)) + stale.length;
      return {
        emitted, stored: counts.total, eventsPerSec: round(emitted / (elapsedMs / 1000), 0), lost, staleRecords: stale,
        duplicated: Math.max(0, rig.processed() - counts.total), redelivered: rig.redelivered(),
        summary: `${emitted} events in ${Math.round(elapsedMs)} ms, ${rig.redelivered()} batches delivered twice, ${counts.total} stored, ${rig.processed()} processed, ${expected.size} records edited, ${stale.length} stale`,
      };
    } finally {
      await rig.stop();
    }
  } finally {
    await pipeline.stop();
  }
};
