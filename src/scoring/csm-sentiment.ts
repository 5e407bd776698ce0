import type { ScoringConfig } from './config.schema.ts';
import type { CsmSentimentInput, CsmSentimentValue } from './snapshot.schema.ts';
import { DAY_MS, toMs } from './time.ts';

export type ActiveCsmSentiment = CsmSentimentInput & { expiresAt: string };

export const csmSentimentLabels: Record<CsmSentimentValue, string> = {
  positive: 'Positive', neutral: 'Neutral', concerned: 'Concerned', at_risk: 'At risk',
};

/**
 * The CSM's sentiment while it holds: set no later than now and younger than the configured expiry. A read of the
 * customer from months ago says nothing about today, so an expired one is as good as none.
 */
export const activeCsmSentiment = (sentiment: CsmSentimentInput | null | undefined, config: ScoringConfig, now: number): ActiveCsmSentiment | null => {
  if (sentiment === null || sentiment === undefined) return null;
  const setAt = toMs(sentiment.setAt);
  if (setAt === null || setAt > now) return null;
  const expiresAt = setAt + config.health.components.csm_sentiment.expiresAfterDays * DAY_MS;
  return expiresAt <= now ? null : { ...sentiment, expiresAt: new Date(expiresAt).toISOString() };
};
