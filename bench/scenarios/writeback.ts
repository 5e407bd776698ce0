import { fixedClock } from '../../src/shared/clock.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { endpointCount, startPipeline } from '../lib/pipeline.ts';

const BATCH_UPDATE = 'POST /crm/objects/2026-03/companies/batch/update';
const HOUR = 3_600_000;

/**
 * Sync, score and write back a portal; then, with nothing changed in HubSpot, score and write back again an hour and
 * two hours later. The first rescore also sees its own first card as history; the second is the steady state, and
 * every batch update it sends is waste.
 */
scenarioMain(async ({ seed }) => {
  const pipeline = await startPipeline({ size: 'S', seed });
  try {
    const portalId = pipeline.portalIds[0] as number;
    await pipeline.fullSync(portalId);
    await pipeline.provision(portalId);
    const rounds: Array<{ written: number; updates: number }> = [];
    for (const offset of [0, HOUR, 2 * HOUR]) {
      await pipeline.score(portalId, undefined, fixedClock(new Date(pipeline.clock.now().getTime() + offset)));
      const before = endpointCount(pipeline.emulator, portalId, BATCH_UPDATE);
      const report = await pipeline.writeBack(portalId);
      rounds.push({ written: report.written, updates: endpointCount(pipeline.emulator, portalId, BATCH_UPDATE) - before });
    }
    const [first, second, steady] = rounds as [typeof rounds[0], typeof rounds[0], typeof rounds[0]];
    if (first.written === 0) throw new Error('the first write-back wrote nothing, so the later ones prove nothing');
    return {
      figures: { 'writeback.unchangedRequests': steady.updates },
      missing: {},
      notes: [`companies written / batch updates: first ${first.written}/${first.updates}, +1 h ${second.written}/${second.updates}, +2 h ${steady.written}/${steady.updates}`],
    };
  } finally {
    await pipeline.stop();
  }
});
