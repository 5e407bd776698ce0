import type { Cohort, ScoringConfig } from './config.schema.ts';
import type { FitValue } from './score-card.schema.ts';
import { churnOf, type ChurnSignal } from './churn-signal.ts';
import { historyTimes, type HistoryTimes } from './facts.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS, isoDay, toMs } from './time.ts';

export type ChurnClassification = { avoidable: boolean; expected: boolean; reason: string };

const before = (iso: string | null, at: number): boolean => { const ms = toMs(iso); return ms !== null && ms <= at; };

/**
 * The snapshot as it stood at `at`: later events removed, tickets reopened, current-only values dropped. `times`: the
 * snapshot's history times when already read (the churn probes cut one snapshot at three moments).
 */
export const snapshotAsOf = (snapshot: CompanySnapshot, at: number, times: HistoryTimes = historyTimes(snapshot)): CompanySnapshot => ({
  company: {
    ...snapshot.company,
    churnedAt: null,
    churnReason: null,
    customerUntil: before(snapshot.company.customerUntil ?? null, at) ? snapshot.company.customerUntil : null,
    activeUsers30d: snapshot.usage.length > 0 ? null : snapshot.company.activeUsers30d,
    keyFeaturesUsed: null,
  },
  engagements: snapshot.engagements.filter((_, i) => times.engagements[i]! <= at),
  tickets: snapshot.tickets.filter((t) => before(t.createdAt, at)).map((t) => (before(t.closedAt, at) ? t : { ...t, closedAt: null })),
  deals: snapshot.deals.filter((d) => !d.isClosed || before(d.closeDate, at)),
  feedback: snapshot.feedback.filter((_, i) => times.feedback[i]! <= at),
  contacts: snapshot.contacts.map((c) => (c.leftCompany && !before(c.updatedAt, at) ? { ...c, leftCompany: false } : c)),
  usage: snapshot.usage.filter((_, i) => times.usage[i]! <= at),
  previousCards: snapshot.previousCards.filter((c) => before(c.scoredAt, at)),
  milestoneOverrides: snapshot.milestoneOverrides.filter((o) => before(o.doneAt, at)),
});

// A bad fit was flagged by its cohort itself: its churn out is the expected end, not a surprise to learn from.
const warned = (cohort: Cohort) => cohort === 'bad_fit' || cohort === 'negative' || cohort === 'dark';

/**
 * Avoidable unless the reason is one nobody could have fixed (or the customer never fit); expected when it is a bad
 * fit or was bad fit, negative or dark in the window before churn, judged from stored cards or, failing those, by
 * rescoring the past.
 */
export const classifyChurn = (
  snapshot: CompanySnapshot,
  fit: FitValue,
  config: ScoringConfig,
  /** The company's cohort as scored at a past moment. */
  cohortAt: (at: number) => Cohort,
  churn: ChurnSignal | null = churnOf(snapshot, config),
): ChurnClassification | null => {
  if (churn === null) return null;
  const { at: churnedAt, reason: reasonCode } = churn;
  const avoidable = fit !== 'bad' && !config.churn.unavoidableReasons.includes(reasonCode);
  const windowMs = config.churn.expectedWindowDays * DAY_MS;
  const stored = snapshot.previousCards.filter((c) => { const at = toMs(c.scoredAt); return at !== null && at <= churnedAt && churnedAt - at <= windowMs; });
  // Nearest the churn first: the likeliest moment to show the warning, and the first that shows it ends the search.
  const probes = stored.length > 0 ? [] : [DAY_MS, windowMs / 2, windowMs].map((offset) => churnedAt - offset);
  const expected = fit === 'bad' || stored.some((c) => warned(c.cohort)) || probes.some((at) => warned(cohortAt(at)));
  const reason = `churned ${isoDay(churnedAt)} (${reasonCode}): ${avoidable ? 'avoidable' : 'unavoidable'}, `
    + `${expected ? (fit === 'bad' ? 'expected of a bad fit' : `flagged bad fit, negative or dark in the ${config.churn.expectedWindowDays} days before`) : 'not flagged beforehand'}`;
  return { avoidable, expected, reason };
};
