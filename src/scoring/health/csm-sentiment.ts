import { activeCsmSentiment, csmSentimentLabels } from '../csm-sentiment.ts';
import type { CsmSentimentValue } from '../snapshot.schema.ts';
import { daysBetween, toMs } from '../time.ts';
import { ago } from '../wording.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';

// Where each read lands on the 0-100 scale: "concerned" is a warning, not yet a customer lost.
const valueOf: Record<CsmSentimentValue, number> = { positive: 100, neutral: 60, concerned: 30, at_risk: 0 };

/** The CSM's sentiment as a health component; only called for portals whose config enables it. */
export const csmSentimentComponent = ({ snapshot, facts, config }: ComponentInput): Reading => {
  const sentiment = activeCsmSentiment(snapshot.csmSentiment, config, facts.now);
  if (sentiment === null) return missing(snapshot.csmSentiment ? 'the CSM sentiment has expired' : 'no CSM sentiment set');
  const setAt = toMs(sentiment.setAt) ?? facts.now;
  return { value: valueOf[sentiment.value], detail: `${csmSentimentLabels[sentiment.value]}, set by ${sentiment.setBy} ${ago(daysBetween(setAt, facts.now))}` };
};
