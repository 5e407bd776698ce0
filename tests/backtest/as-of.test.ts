import { describe, expect, it } from 'vitest';
import { cutSnapshot } from '../../src/backtest/as-of.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail, meeting, nps, ticket, usageLine } from '../scoring/support/snapshot.ts';

const CUTOFF = new Date(NOW.getTime() - 120 * 86_400_000);
const cutoffIso = CUTOFF.toISOString();
const beforeCutoff = <T>(items: T[], date: (item: T) => string) => items.filter((item) => date(item) <= cutoffIso);
const afterCutoff = <T>(items: T[], date: (item: T) => string) => items.filter((item) => date(item) > cutoffIso);

/** A healthy customer as it stood 120 days ago: steady usage, meetings, a promoter, a renewal won. */
const history = (): CompanySnapshot => aSnapshot({
  engagements: [inboundEmail(150), meeting(140), inboundEmail(130), meeting(125)],
  tickets: [ticket('LOW', 200, 190), ticket('MEDIUM', 130)],
  deals: [deal('existingbusiness', 300)],
  feedback: [nps(9, 160)],
  contacts: [contact('VP Operations')],
  usage: beforeCutoff(usageLine(80, 85, 400), (p) => p.date),
});

/** Everything that happened after the cutoff: the customer collapsed and left. */
const withFuture = (snapshot: CompanySnapshot): CompanySnapshot => ({
  ...snapshot,
  company: { ...snapshot.company, churnedAt: daysAgo(10), churnReason: 'competitor', activeUsers30d: 0, keyFeaturesUsed: 0 },
  engagements: [...snapshot.engagements, meeting(60, 'Escalation', 'NO_SHOW'), inboundEmail(50)],
  tickets: [...snapshot.tickets, ticket('URGENT', 90), ticket('HIGH', 80, 70)],
  deals: [...snapshot.deals, deal('existingbusiness', 30, false)],
  feedback: [...snapshot.feedback, nps(1, 40)],
  contacts: [...snapshot.contacts, { ...contact('Chief Executive Officer'), createdAt: daysAgo(20), updatedAt: daysAgo(20) }],
  usage: [...snapshot.usage, ...afterCutoff(usageLine(80, 2, 400), (p) => p.date)],
  previousCards: [{ scoredAt: daysAgo(30), healthScore: 12, status: 'red', cohort: 'negative', components: [] }],
  milestoneOverrides: [{ key: 'first_value', doneAt: daysAgo(15) }],
});

const scoreAtCutoff = (snapshot: CompanySnapshot) => scoreCompany(cutSnapshot(snapshot, CUTOFF), defaultScoringConfig, CUTOFF);

describe('as-of cut for the backtest', () => {
  it('when records dated after the cutoff are added, then the cutoff score is the same, byte for byte', () => {
    const past = history();
    expect(scoreAtCutoff(withFuture(past))).toEqual(scoreAtCutoff(past));
  });

  it('when the future is not cut away, then the score does change (so the test above can catch a leak)', () => {
    const past = history();
    const leaked = scoreCompany(withFuture(past), defaultScoringConfig, CUTOFF);
    expect(leaked.health.score).not.toBe(scoreAtCutoff(past).health.score);
  });

  it('when a ticket opened before the cutoff was closed after it, then at the cutoff it is still open', () => {
    const cut = cutSnapshot(aSnapshot({ tickets: [ticket('HIGH', 150, 60)] }), CUTOFF);
    expect(cut.tickets.map((t) => t.closedAt)).toEqual([null]);
  });

  it('when the portal holds today\'s active users but no series, then the cut drops them rather than reading today into the past', () => {
    const cut = cutSnapshot(aSnapshot({ company: { activeUsers30d: 3, keyFeaturesUsed: 1 } }), CUTOFF);
    expect([cut.company.activeUsers30d, cut.company.keyFeaturesUsed]).toEqual([null, null]);
  });

  it('when a contact was created after the cutoff, then the cut leaves it out', () => {
    const cut = cutSnapshot(withFuture(history()), CUTOFF);
    expect(cut.contacts.map((c) => c.jobTitle)).toEqual(['VP Operations']);
  });
});
