import { burstFigures } from '../lib/burst-run.ts';
import { scenarioMain } from '../lib/scenario-main.ts';

/** 10,000 edits in HubSpot arrive as webhook batches, a tenth of them delivered twice; every event must be applied once. */
scenarioMain(async ({ seed }) => {
  const outcome = await burstFigures({ events: 10_000, duplicateRate: 0.1, seed });
  return {
    figures: { 'webhooks.eventsPerSec': outcome.eventsPerSec, 'webhooks.lost': outcome.lost, 'webhooks.duplicated': outcome.duplicated },
    missing: {},
    notes: [outcome.summary],
  };
});
