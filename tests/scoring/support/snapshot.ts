import type { CompanySnapshot, SnapshotEngagement } from '../../../src/scoring/snapshot.schema.ts';

export const NOW = new Date('2026-11-01T00:00:00.000Z');
const DAY = 86_400_000;

export const daysAgo = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

/** A good-fit, mid-segment customer two years in, with nothing associated yet; tests add what their rule reads. */
export const aSnapshot = (overrides: Partial<Omit<CompanySnapshot, 'company'>> & { company?: Partial<CompanySnapshot['company']> } = {}): CompanySnapshot => {
  const { company, ...rest } = overrides;
  return {
    company: {
      id: 'c-1',
      name: 'Acme Analytics',
      properties: { industry: 'COMPUTER_SOFTWARE', numberofemployees: '250', country: 'Germany', lifecyclestage: 'customer' },
      lifecycleStage: 'customer',
      arr: 50_000,
      seats: 100,
      activeUsers30d: null,
      keyFeaturesUsed: null,
      createdAt: daysAgo(800),
      contractStartDate: daysAgo(700),
      renewalDate: daysAgo(-200),
      churnedAt: null,
      churnReason: null,
      ...company,
    },
    engagements: [],
    tickets: [],
    deals: [],
    feedback: [],
    contacts: [],
    usage: [],
    previousCards: [],
    milestoneOverrides: [],
    ...rest,
  };
};

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export const inboundEmail = (days: number): SnapshotEngagement =>
  ({ id: nextId('e'), kind: 'email', direction: 'inbound', outcome: 'SENT', title: 'Question', timestamp: daysAgo(days) });
export const outboundEmail = (days: number): SnapshotEngagement =>
  ({ id: nextId('e'), kind: 'email', direction: 'outbound', outcome: 'SENT', title: 'Checking in', timestamp: daysAgo(days) });
export const meeting = (days: number, title = 'Check-in', outcome = 'COMPLETED'): SnapshotEngagement =>
  ({ id: nextId('m'), kind: 'meeting', direction: null, outcome, title, timestamp: daysAgo(days) });

/** Daily active users from `from` days ago to today, moving linearly from `start` to `end`. */
export const usageLine = (start: number, end: number, from = 120): CompanySnapshot['usage'] =>
  Array.from({ length: from + 1 }, (_, i) => ({
    date: daysAgo(from - i), metric: 'active_users', value: Math.round(start + ((end - start) * i) / from),
  }));

export const nps = (value: number, days: number): CompanySnapshot['feedback'][number] => ({
  id: nextId('f'), surveyType: 'NPS', value, submittedAt: daysAgo(days),
  responseGroup: value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor',
});

export const ticket = (priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT', openedDaysAgo: number, closedDaysAgo: number | null = null): CompanySnapshot['tickets'][number] =>
  ({ id: nextId('t'), priority, createdAt: daysAgo(openedDaysAgo), closedAt: closedDaysAgo === null ? null : daysAgo(closedDaysAgo) });

export const deal = (dealType: string, closedDaysAgo: number, won = true, amount = 10_000): CompanySnapshot['deals'][number] =>
  ({ id: nextId('d'), dealType, amount, closeDate: daysAgo(closedDaysAgo), isClosed: true, isClosedWon: won });

export const contact = (jobTitle: string, leftCompany = false, updatedDaysAgo = 300): CompanySnapshot['contacts'][number] =>
  ({ id: nextId('p'), jobTitle, leftCompany, createdAt: daysAgo(600), updatedAt: daysAgo(updatedDaysAgo) });

export const componentOf = (card: { health: { components: { key: string; value: number | null; missing: boolean; weight: number }[] } }, key: string) => {
  const found = card.health.components.find((c) => c.key === key);
  if (!found) throw new Error(`no component ${key}`);
  return found;
};
