import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { churnOf } from '../scoring/churn-signal.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import { observeCoverage, type CoverageObservation } from '../scoring/coverage.ts';
import { scoreCardSchema, type ScoreCard } from '../scoring/score-card.schema.ts';
import { scoreCompany } from '../scoring/score.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { observePupil, type PupilObservation } from '../scoring/star-pupils.ts';
import type { CardFacts, StoredScore } from '../store/scores-repository.ts';
import type { ScoringHistory } from './score-portal.ts';

// The scoring engine looks back this far for trend and "why it changed"; older rows only feed reports.
export const HISTORY_DAYS = 120;

// What a card says, leaving out when it was computed and the sentence comparing it with the previous card: two
// cards equal in this are the same assessment, and storing (or writing back) the second would only add noise.
// Priority drifts by hundredths every hour as renewals near; it counts as changed when its whole number does
// (the precision written to HubSpot), or every rescore would rewrite a quarter of the book.
const substance = ({ scoredAt: _at, changeReason: _reason, priority, ...rest }: ScoreCard) => ({ ...rest, priority: Math.round(priority) });

const utcDay = (date: Date | string) => new Date(date).toISOString().slice(0, 10);

/** What the store adds to a synced snapshot for one company: what its CSM recorded on the card. */
export const recordedInputs = (past: ScoringHistory, companyId: string) => ({
  milestoneOverrides: past.overrides.get(companyId) ?? [],
  playOutcomes: past.outcomes.get(companyId) ?? [],
  csmSentiment: past.sentiments.get(companyId) ?? null,
  desiredOutcome: past.desired.get(companyId) ?? null,
  companyMilestones: past.ownMilestones.get(companyId) ?? [],
});

/**
 * One company's snapshot with what scoring takes from the store besides it: the score job and the settings page's
 * dry run both go through here, so a dry run scores exactly as applying would (recorded play outcomes too).
 */
export const withHistory = (snapshot: CompanySnapshot, past: ScoringHistory, now: Date): CompanySnapshot => {
  const id = snapshot.company.id;
  // Only cards from before this moment are "previous": a rerun at the same instant must not count itself.
  const previousCards = (past.history.get(id) ?? []).filter((previous) => Date.parse(previous.scoredAt) < now.getTime());
  return { ...snapshot, previousCards, ...recordedInputs(past, id) };
};

/** The card to store, or null when the latest stored card already says the same thing today. */
export const cardToStore = (card: ScoreCard, latest: Pick<StoredScore, 'card'> | undefined): ScoreCard | null => {
  if (!latest || !isDeepStrictEqual(substance(card), substance(latest.card))) return card;
  if (utcDay(card.scoredAt) === utcDay(latest.card.scoredAt)) return null;
  // A daily point for the trend: same assessment, so the explanation of the last real change still holds.
  return { ...card, changeReason: latest.card.changeReason };
};

/** A card that would not survive its own schema (a value out of range, NaN) is refused here, before it is stored. */
export const scoreChecked = (...args: Parameters<typeof scoreCompany>): ScoreCard => {
  const card = scoreCompany(...args);
  const checked = scoreCardSchema.safeParse(card);
  if (!checked.success) throw new Error(`card out of bounds: ${z.prettifyError(checked.error)}`);
  return card;
};

/** What a score run knows before it scores a company; `wholePortal` runs also observe coverage and star pupils. */
export interface ScoringContext {
  config: ScoringConfig;
  now: Date;
  past: ScoringHistory;
  latest: ReadonlyMap<string, Pick<StoredScore, 'card'>>;
  wholePortal: boolean;
}

/**
 * What scoring one company left for the run to record: why it could not be scored, or the card to store (null when
 * the latest stored one says the same today) with the facts stored beside it and, for a whole-portal run, what it
 * adds to the coverage report and the star-pupil profile. Plain data, so a worker thread can hand it back.
 */
export type CompanyOutcome =
  | { companyId: string; failure: string }
  | { companyId: string; failure?: undefined; toStore: ScoreCard | null; facts: CardFacts | null; coverage: CoverageObservation | null; pupil: PupilObservation | null };

/** One company scored as the score job scores it, in this thread or a worker's. */
export const scoreOne = (snapshot: CompanySnapshot, context: ScoringContext): CompanyOutcome => {
  const { config, now } = context;
  const companyId = snapshot.company.id;
  let card: ScoreCard;
  try {
    card = scoreChecked(withHistory(snapshot, context.past, now), config, now);
  } catch (error) {
    // One company's bad data must never hold back the rest of its portal, nor fail the job into endless retries.
    return { companyId, failure: error instanceof Error ? error.message : String(error) };
  }
  const toStore = cardToStore(card, context.latest.get(companyId));
  const churn = toStore && toStore.churn !== null ? churnOf(snapshot, config) : null;
  return {
    companyId,
    toStore,
    facts: toStore ? { arr: snapshot.company.arr, churnedAt: churn ? new Date(churn.at).toISOString() : null, churnReason: churn?.reason ?? null } : null,
    coverage: context.wholePortal ? observeCoverage(snapshot, card, config, now) : null,
    pupil: context.wholePortal ? observePupil(snapshot, card, config, now) : null,
  };
};
