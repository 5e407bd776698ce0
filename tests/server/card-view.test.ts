import { describe, expect, it } from 'vitest';
import { scoreCardViewSchema } from '../../cards/card-data.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { scoreView } from '../../src/server/cards/card-view.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, ticket, usageLine } from '../scoring/support/snapshot.ts';

const viewOf = (overrides: Parameters<typeof aSnapshot>[0]) => {
  const view = scoreView(scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW), []);
  return scoreCardViewSchema.parse(view);
};

describe('the card view built from a score card', () => {
  it('when a veto caps the status, then the card is told the cap and its reason', () => {
    const view = viewOf({ engagements: [inboundEmail(2)], usage: usageLine(70, 80), tickets: [ticket('URGENT', 1), ticket('URGENT', 1), ticket('URGENT', 1)] });
    expect(view.statusCap).toBe('capped at red: 3 urgent tickets open');
  });

  it('when a component has no data, then the card view says what is missing and what to map; present components carry no hint', () => {
    const view = viewOf({ engagements: [inboundEmail(2)] });
    expect(view.components.find((c) => c.key === 'usage')).toMatchObject({ missing: true, hint: 'no usage data: map active users in Settings' });
    expect(view.components.find((c) => c.key === 'engagement')?.hint).toBeUndefined();
  });

  it('when usage holds and nothing else went wrong, then signs of decline is marked quiet rather than short of data', () => {
    const steady = viewOf({ engagements: [inboundEmail(2)], usage: usageLine(70, 72) });
    expect(steady.components.find((c) => c.key === 'decline')).toMatchObject({ missing: true, quiet: true, hint: 'no sign of decline' });
    expect(steady.components.find((c) => c.key === 'sentiment')?.quiet).toBeUndefined();
    const bare = viewOf({ engagements: [inboundEmail(2)] });
    expect(bare.components.find((c) => c.key === 'decline')).toMatchObject({ missing: true });
    expect(bare.components.find((c) => c.key === 'decline')?.quiet).toBeUndefined();
  });

  it('when the company is a restaurant, then the fit rules come in HubSpot words with the company value as HubSpot labels it', () => {
    const view = viewOf({ company: { properties: { industry: 'RESTAURANTS', numberofemployees: '40', country: 'Germany', lifecyclestage: 'customer' } } });
    expect(view.fit.value).toBe('bad');
    expect(view.fit.criteria.find((c) => c.rule === 'bad' && c.passed)).toEqual({
      rule: 'bad', passed: true, actual: 'Restaurants',
      description: 'Industry is Government Administration, Restaurants, Farming, Religious Institutions or Individual & Family Services',
    });
    expect(view.fit.criteria.find((c) => c.rule === 'good' && c.description.startsWith('Number of Employees'))).toMatchObject({ passed: true, actual: '40' });
  });

  it('when the customer churned, then the card gets the churn reason and no gone-dark flag', () => {
    const view = viewOf({ company: { churnedAt: daysAgo(40), churnReason: 'budget' }, engagements: [inboundEmail(120)] });
    expect(view.churn?.reason).toMatch(/^churned \d{4}-\d\d-\d\d \(budget\)/);
    expect(view.goneDark.dark).toBe(false);
  });
});
