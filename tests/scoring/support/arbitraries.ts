import fc from 'fast-check';
import type { CompanySnapshot } from '../../../src/scoring/snapshot.schema.ts';
import { daysAgo } from './snapshot.ts';

/** Days relative to NOW: mostly past, sometimes a little in the future (clock skew, scheduled meetings). */
const when = fc.integer({ min: -20, max: 700 }).map(daysAgo);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const id = fc.string({ minLength: 1, maxLength: 6 });

export const engagementArb = fc.record({
  id,
  kind: fc.constantFrom('email', 'call', 'meeting', 'note', 'task'),
  direction: fc.constantFrom('inbound', 'outbound', null),
  outcome: fc.constantFrom('COMPLETED', 'NO_SHOW', 'SCHEDULED', 'CANCELED', 'SENT', null),
  title: fc.constantFrom('Kick-off', 'Onboarding session', 'Business review', 'Check-in', null),
  timestamp: when,
}) satisfies fc.Arbitrary<CompanySnapshot['engagements'][number]>;

export const snapshotArb: fc.Arbitrary<CompanySnapshot> = fc.record({
  company: fc.record({
    id,
    name: maybe(fc.string()),
    properties: fc.record({
      industry: fc.constantFrom('COMPUTER_SOFTWARE', 'INTERNET', 'RESTAURANTS', 'RETAIL', null),
      numberofemployees: fc.constantFrom('3', '12', '250', '9000', 'lots', null),
      country: fc.constantFrom('Germany', 'Brazil', null),
    }),
    lifecycleStage: fc.constant('customer'),
    arr: maybe(fc.integer({ min: 0, max: 2_000_000 })),
    seats: maybe(fc.integer({ min: 0, max: 500 })),
    activeUsers30d: maybe(fc.integer({ min: 0, max: 600 })),
    keyFeaturesUsed: maybe(fc.integer({ min: 0, max: 8 })),
    createdAt: maybe(when),
    contractStartDate: maybe(when),
    renewalDate: maybe(fc.integer({ min: -400, max: 200 }).map(daysAgo)),
    churnedAt: fc.option(fc.integer({ min: 1, max: 200 }).map(daysAgo), { nil: null, freq: 5 }),
    churnReason: fc.constantFrom('budget', 'acquired', null),
  }),
  engagements: fc.array(engagementArb, { maxLength: 25 }),
  tickets: fc.array(fc.record({
    id, priority: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'URGENT', null), createdAt: when, closedAt: maybe(when),
  }), { maxLength: 8 }),
  deals: fc.array(fc.record({
    id, dealType: fc.constantFrom('newbusiness', 'renewal', 'expansion', 'contraction', null),
    amount: maybe(fc.integer({ min: -50_000, max: 200_000 })), closeDate: maybe(when), isClosed: fc.boolean(), isClosedWon: fc.boolean(),
  }), { maxLength: 5 }),
  feedback: fc.array(fc.record({
    id, surveyType: fc.constantFrom('NPS', 'CSAT', 'CES'), value: fc.integer({ min: 0, max: 10 }),
    responseGroup: fc.constantFrom('promoter', 'passive', 'detractor', null), submittedAt: when,
  }), { maxLength: 5 }),
  contacts: fc.array(fc.record({
    id, jobTitle: fc.constantFrom('CEO', 'VP Sales', 'Engineer', null), leftCompany: fc.boolean(), createdAt: maybe(when), updatedAt: maybe(when),
  }), { maxLength: 4 }),
  usage: fc.array(fc.record({
    date: when, metric: fc.constantFrom('active_users', 'invoices_sent'), value: fc.integer({ min: 0, max: 500 }),
  }), { maxLength: 40 }),
  previousCards: fc.array(fc.record({
    scoredAt: when, healthScore: fc.integer({ min: 0, max: 100 }), status: fc.constantFrom('green', 'yellow', 'red'),
    cohort: fc.constantFrom('bad_fit', 'dark', 'negative', 'neutral', 'positive'),
    nextPlay: fc.constantFrom('advocacy_ask', 'monitor', null),
    components: fc.array(fc.record({ key: fc.constantFrom('usage', 'support', 'engagement'), value: maybe(fc.integer({ min: 0, max: 100 })) }), { maxLength: 3 }),
  }), { maxLength: 4 }),
  milestoneOverrides: fc.array(fc.record({ key: fc.constantFrom('kickoff', 'adoption', 'unknown'), doneAt: when }), { maxLength: 2 }),
});
