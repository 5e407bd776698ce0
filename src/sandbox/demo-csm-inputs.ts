import { DAY_MS } from '../scoring/time.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db } from '../store/db.ts';
import { companyMilestonesRepository } from '../store/company-milestones-repository.ts';
import { csmSentimentRepository } from '../store/csm-sentiment-repository.ts';
import { desiredOutcomesRepository } from '../store/desired-outcomes-repository.ts';
import { scoresRepository } from '../store/scores-repository.ts';
import { usageRepository } from '../store/usage-repository.ts';

const DEMO_CSM = 'Sandbox CSM';
const DEMO_METRIC = 'weekly_reports_sent';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a CSM would have recorded on the top customer of the worklist by now: a sentiment, the customer's desired
 * outcome and a milestone of its own. Without them the demo's card would show none of what a CSM sets on it.
 * Returns the company, to be rescored with them.
 */
export const recordDemoCsmInputs = async (deps: { db: Db; clock: Clock }, portalId: number): Promise<string | null> => {
  const [top] = await scoresRepository(deps.db).worklist(portalId, 1);
  if (!top) return null;
  const now = deps.clock.now().getTime();
  const companyId = top.companyId;
  await csmSentimentRepository(deps.db).record(portalId, companyId, {
    value: 'concerned', note: 'The sponsor asked for a usage review before the renewal talk.', setBy: DEMO_CSM, setAt: new Date(now - 3 * DAY_MS).toISOString(),
  });
  // The outcome's metric arrives through the usage API, as a customer's product would send it; no health component reads it.
  await usageRepository(deps.db).upsert(portalId, [
    { companyId, day: day(now - 21 * DAY_MS), metric: DEMO_METRIC, value: 12 },
    { companyId, day: day(now - 7 * DAY_MS), metric: DEMO_METRIC, value: 24 },
    { companyId, day: day(now), metric: DEMO_METRIC, value: 31 },
  ]);
  await desiredOutcomesRepository(deps.db).set(portalId, companyId, {
    outcome: 'Every account manager sends a weekly report from the product', metric: 'Weekly reports sent', source: { kind: 'usage', metric: DEMO_METRIC },
    baseline: 0, target: 50, targetDate: day(now + 120 * DAY_MS), setBy: DEMO_CSM, setAt: new Date(now - 20 * DAY_MS).toISOString(),
  });
  await companyMilestonesRepository(deps.db).upsert(portalId, companyId, { key: 'usage_review', label: 'Usage review with the sponsor', dueDate: day(now + 14 * DAY_MS) }, DEMO_CSM, new Date(now - 3 * DAY_MS));
  return companyId;
};
