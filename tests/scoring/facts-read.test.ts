import { describe, expect, it } from 'vitest';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scorePriority } from '../../src/scoring/priority.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot, SnapshotEngagement } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, componentOf, contact, daysAgo, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

// What the rules read from a company's records (docs/scoring.md): segment, stage, two-way touches, active users,
// open tickets, the latest NPS, sponsors and departed champions, each seen on the card.
const card = (overrides: Parameters<typeof aSnapshot>[0], config: ScoringConfig = defaultScoringConfig) => scoreCompany(aSnapshot(overrides), config, NOW);
const detail = (overrides: Parameters<typeof aSnapshot>[0], key: string, config: ScoringConfig = defaultScoringConfig) =>
  card(overrides, config).health.components.find((c) => c.key === key)?.detail;
const inboundCall = (days: number): SnapshotEngagement =>
  ({ id: `call-${days}`, kind: 'call', direction: 'inbound', outcome: 'COMPLETED', title: 'Call', timestamp: daysAgo(days) });
const inboundNote = (days: number): SnapshotEngagement =>
  ({ id: `note-${days}`, kind: 'note', direction: 'inbound', outcome: null, title: 'Note', timestamp: daysAgo(days) });

describe('segment and lifecycle stage', () => {
  it('when ARR is exactly the small segment\'s ceiling of 12,000, then the company is mid, not small', () => {
    expect(card({ company: { arr: 12_000 } }).segment).toBe('mid');
    expect(card({ company: { arr: 11_999 } }).segment).toBe('small');
  });

  it('when segments come from a property and the company\'s value is listed for none, then it falls in the last segment', () => {
    const config = { ...defaultScoringConfig, segmentBy: { property: 'tier', valuesBySegment: { small: ['bronze'] } } };
    expect(card({ company: { properties: { tier: 'gold' } } }, config).segment).toBe('large');
    expect(card({ company: { properties: { tier: 'bronze' } } }, config).segment).toBe('small');
  });

  it('when the contract started exactly 60 days ago, then onboarding is over; 59 days ago it is still onboarding', () => {
    expect(card({ company: { contractStartDate: daysAgo(60) } }).lifecycleStage).toBe('established');
    expect(card({ company: { contractStartDate: daysAgo(59) } }).lifecycleStage).toBe('onboarding');
  });

  it('when the contract starts next month, then the company is not onboarding yet and has no silence to count', () => {
    const c = card({ company: { contractStartDate: daysAgo(-30), createdAt: daysAgo(-30) } });
    expect(c.lifecycleStage).toBe('established');
    expect(c.goneDark).toEqual({ dark: false, daysSinceTwoWay: null });
  });
});

describe('two-way touches', () => {
  it('when nothing at all was ever logged, then the silence is counted from the contract start', () => {
    expect(card({}).goneDark).toEqual({ dark: true, daysSinceTwoWay: 700 });
  });

  it('when the customer called in 5 days ago, then that is a two-way touch; a note is not', () => {
    expect(card({ engagements: [inboundEmail(80), inboundCall(5)] }).goneDark.daysSinceTwoWay).toBe(5);
    expect(card({ engagements: [inboundEmail(80), inboundNote(5)] }).goneDark.daysSinceTwoWay).toBe(80);
  });

  it('when the portal requires meetings to be marked completed, then a meeting without an outcome is not a touch', () => {
    const config = { ...defaultScoringConfig, meetings: { ...defaultScoringConfig.meetings, requireCompleted: true } };
    const weekly = [meeting(3, 'Sync', null as unknown as string), meeting(40, 'Sync', 'COMPLETED')];
    expect(card({ engagements: weekly }, config).goneDark.daysSinceTwoWay).toBe(40);
    expect(card({ engagements: weekly }).goneDark.daysSinceTwoWay).toBe(3);
  });

  it('when the portal holds today\'s active users but no series, then the product use counts as a touch today', () => {
    expect(card({ engagements: [inboundEmail(80)], company: { activeUsers30d: 12 } }).goneDark.daysSinceTwoWay).toBe(0);
    expect(card({ engagements: [inboundEmail(80)], company: { activeUsers30d: 0 } }).goneDark.daysSinceTwoWay).toBe(80);
  });

  it('when there is a usage series, then the active-users property does not count as today\'s use', () => {
    const usage = [...usageLine(20, 20, 120).slice(0, 51), ...usageLine(0, 0, 69)];
    expect(card({ engagements: [inboundEmail(90)], usage, company: { activeUsers30d: 12 } }).goneDark.daysSinceTwoWay).toBe(70);
  });
});

describe('active users', () => {
  it('when a usage series of another metric is synced, then it is not read as active users', () => {
    expect(componentOf(card({ usage: usageLine(60, 60).map((p) => ({ ...p, metric: 'logins' })) }), 'usage').missing).toBe(true);
  });

  it('when a usage point is dated after now, then it is not today\'s active users', () => {
    const usage = [...usageLine(60, 60, 30), { date: daysAgo(-5), metric: 'active_users', value: 5 }];
    expect(detail({ usage }, 'usage')).toContain('60% of seats active');
  });

  it('when the series spans under a week, then there is no trend to speak of; two points a week apart are enough', () => {
    expect(detail({ usage: usageLine(40, 60, 5) }, 'usage')).toBe('60% of seats active');
    expect(detail({ usage: [{ date: daysAgo(7), metric: 'active_users', value: 40 }, { date: daysAgo(0), metric: 'active_users', value: 60 }] }, 'usage'))
      .toBe('60% of seats active, usage up 50% over 90 days');
  });

  it('when a series has points before the 90-day window, then the trend reads only the window', () => {
    const usage = [...usageLine(10, 10, 200).slice(0, 100), ...usageLine(60, 60, 90)];
    expect(detail({ usage }, 'usage')).toBe('60% of seats active, usage flat over 90 days');
  });
});

describe('tickets, surveys and contacts', () => {
  it('when a ticket\'s close date is still ahead, then it is open; closed at this very moment, it is closed', () => {
    const closesLater = { ...ticket('LOW', 10), closedAt: daysAgo(-2) };
    const closedNow = { ...ticket('LOW', 10), closedAt: daysAgo(0) };
    expect(detail({ tickets: [closesLater] }, 'support')).toBe('1 ticket open');
    expect(detail({ tickets: [closedNow] }, 'support')).toBe('no open tickets');
  });

  it('when a CSAT answer came after a detractor NPS, then the latest NPS is still the detractor', () => {
    const csat: CompanySnapshot['feedback'][number] = { id: 'csat-1', surveyType: 'CSAT', value: 5, submittedAt: daysAgo(5), responseGroup: null };
    expect(card({ feedback: [nps(2, 30), csat], engagements: [inboundEmail(3)] }).vector.reason).toContain('detractor NPS');
  });

  it('when two champions left, 100 and 20 days ago, then the card counts from the latest departure', () => {
    expect(detail({ contacts: [contact('VP Sales', true, 100), contact('Champion', true, 20)] }, 'relationship')).toContain('champion left 20 days ago');
  });

  it('when a contact left exactly 180 days ago, then it still counts as a departed champion; 200 days ago it is history', () => {
    expect(detail({ contacts: [contact('Ops lead'), contact('Champion', true, 180)] }, 'relationship')).toContain('champion left 180 days ago');
    expect(detail({ contacts: [contact('Ops lead'), contact('Champion', true, 200)] }, 'relationship')).not.toContain('champion left');
  });

  it('when a departure is dated after now, then it has not happened yet', () => {
    expect(detail({ contacts: [contact('Ops lead'), contact('Champion', true, -5)] }, 'relationship')).not.toContain('champion left');
  });

  it('when the departed contact has no update date, then the departure is taken as today', () => {
    const left = { ...contact('Champion', true), updatedAt: null };
    expect(detail({ contacts: [contact('Ops lead'), left] }, 'relationship')).toContain('champion left today');
  });

  it('when the CEO has left the company or a contact has no title, then neither is the executive sponsor', () => {
    const untitled = { ...contact('x'), jobTitle: null };
    expect(detail({ contacts: [contact('CEO', true, 400), untitled] }, 'relationship')).toBe('no executive sponsor');
  });
});

describe('priority on the worklist', () => {
  const base = { arr: 50_000, cohort: 'negative' as const, health: 40, renewalDate: null, churned: false, now: NOW.getTime() };

  it('when a negative customer with 50,000 ARR scores 40 and has no renewal date, then its priority is 50 x 0.8 = 40', () => {
    expect(scorePriority(base, defaultScoringConfig)).toBe(40);
  });

  it('when its renewal is 90 days out on a 180-day horizon, then urgency is 1.5; once the date has passed it is 2', () => {
    expect(scorePriority({ ...base, renewalDate: daysAgo(-90) }, defaultScoringConfig)).toBe(60);
    expect(scorePriority({ ...base, renewalDate: daysAgo(10) }, defaultScoringConfig)).toBe(80);
    expect(scorePriority({ ...base, renewalDate: daysAgo(-400) }, defaultScoringConfig)).toBe(40);
  });

  it('when the portal sets no renewal horizon, then the renewal date adds no urgency', () => {
    const config = { ...defaultScoringConfig, priority: { ...defaultScoringConfig.priority, renewalHorizonDays: 0 } };
    expect(scorePriority({ ...base, renewalDate: daysAgo(10) }, config)).toBe(40);
  });
});
