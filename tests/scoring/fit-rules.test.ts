import { describe, expect, it } from 'vitest';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { isCustomer, scoreFit } from '../../src/scoring/fit.ts';

// Fit rules a portal writes itself (docs/scoring.md, fit): every operator, blank and non-numeric values, several
// bad rules, and the rule as the card words it. Each story builds its own rules: fit keeps a rule's wording per rule
// object, and a rule shared across stories would carry its wording from the first one.
const withFit = (fit: Partial<ScoringConfig['fit']>): ScoringConfig => ({ ...defaultScoringConfig, fit: { ...defaultScoringConfig.fit, ...fit } });
const sizeRules = () => withFit({
  good: [{ op: 'gte', property: 'numberofemployees', value: 50 }],
  bad: [{ op: 'lt', property: 'numberofemployees', value: 5 }, { op: 'in', property: 'industry', values: ['FARMING'] }],
});

describe('fit rules of every kind', () => {
  it.each([
    ['4', 'bad'], ['5', 'stretch'], ['49', 'stretch'], ['50', 'good'], ['51', 'good'],
  ])('when a company has %s employees, under rules "at least 50 is good, below 5 is bad", then fit is %s', (employees, value) => {
    expect(scoreFit({ numberofemployees: employees, industry: 'INTERNET' }, sizeRules()).value).toBe(value);
  });

  it('when only one of two bad rules matches, then the company is a bad fit', () => {
    expect(scoreFit({ numberofemployees: '500', industry: 'FARMING' }, sizeRules()).value).toBe('bad');
  });

  it('when the rules are shown on the card, then each reads in the portal\'s words', () => {
    const criteria = scoreFit({ numberofemployees: '500', industry: 'FARMING' }, sizeRules()).criteria;
    expect(criteria.map((c) => [c.rule, c.description])).toEqual([
      ['good', 'Number of Employees at least 50'],
      ['bad', 'Number of Employees below 5'],
      ['bad', 'Industry is Farming'],
    ]);
  });

  it('when a rule lists several values, then the card names them all, the last after "or"', () => {
    const config = withFit({ good: [], bad: [{ op: 'in', property: 'industry', values: ['RESTAURANTS', 'FARMING', 'GOVERNMENT_ADMINISTRATION'] }, { op: 'in', property: 'industry', values: ['FARMING', 'RESTAURANTS'] }] });
    expect(scoreFit({ industry: 'FARMING' }, config).criteria.map((c) => c.description))
      .toEqual(['Industry is Restaurants, Farming or Government Administration', 'Industry is Farming or Restaurants']);
  });

  it('when the employee count is not a number, then no numeric rule passes on it and it is not unknown either', () => {
    const fit = scoreFit({ numberofemployees: 'about 200', industry: 'INTERNET' }, sizeRules());
    expect(fit.value).toBe('stretch');
    expect(fit.criteria[0]).toMatchObject({ passed: false, actual: 'about 200' });
    expect(fit.criteria[0]?.unknown).toBeUndefined();
    expect(scoreFit({ numberofemployees: 'Infinity', industry: 'INTERNET' }, sizeRules()).value).toBe('stretch');
  });

  it('when a field holds only spaces, then it is unknown, as an empty one is, and passes no rule', () => {
    const fit = scoreFit({ numberofemployees: '   ', industry: 'INTERNET' }, withFit({ good: sizeRules().fit.good, bad: [{ op: 'lt', property: 'numberofemployees', value: 5 }] }));
    expect(fit.criteria.map((c) => [c.passed, c.unknown])).toEqual([[false, true], [false, true]]);
    expect(fit.value).toBe('good');
  });
});

describe('who counts as a customer', () => {
  it('when the portal counts an empty lifecycle stage as a customer, then a company without one is a customer', () => {
    const config = { ...defaultScoringConfig, customerFilter: { property: 'lifecyclestage', values: [''] } };
    expect(isCustomer({ lifecyclestage: null }, config)).toBe(true);
    expect(isCustomer({ lifecyclestage: null }, defaultScoringConfig)).toBe(false);
  });
});

describe('how values are compared', () => {
  const tiers = () => withFit({ good: [{ op: 'in', property: 'tier', values: ['Gold tier'] }], bad: [] });

  it.each([
    ['United  States', 'United States'], ['U.S.', 'United States'], [' Internet ', 'INTERNET'],
  ])('when the portal holds "%s", then it matches %s', (raw, configured) => {
    const property = configured === 'INTERNET' ? 'industry' : 'country';
    const config = withFit({ good: [{ op: 'in', property, values: [configured] }], bad: [] });
    expect(scoreFit({ [property]: raw }, config).value).toBe('good');
  });

  it('when a custom property is compared as plain text, then case and spacing do not matter but punctuation does', () => {
    expect(scoreFit({ tier: ' gold  TIER ' }, tiers()).value).toBe('good');
    expect(scoreFit({ tier: 'gold-tier' }, tiers()).value).toBe('stretch');
  });
});
