import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { isCustomer, scoreFit } from '../../src/scoring/fit.ts';

describe('fit against the default ideal-customer profile', () => {
  it.each([
    ['software, 250 people, Germany', 'good', { industry: 'COMPUTER_SOFTWARE', numberofemployees: '250', country: 'Germany' }],
    ['20 people exactly (lower bound)', 'good', { industry: 'INTERNET', numberofemployees: '20', country: 'Canada' }],
    ['5000 people exactly (upper bound)', 'good', { industry: 'FINANCIAL_SERVICES', numberofemployees: '5000', country: 'Sweden' }],
    ['12 people', 'stretch', { industry: 'COMPUTER_SOFTWARE', numberofemployees: '12', country: 'France' }],
    ['8000 people', 'stretch', { industry: 'COMPUTER_SOFTWARE', numberofemployees: '8000', country: 'France' }],
    ['an unsupported country', 'stretch', { industry: 'INTERNET', numberofemployees: '100', country: 'Brazil' }],
    ['an industry in neither list', 'stretch', { industry: 'RETAIL', numberofemployees: '100', country: 'Ireland' }],
    ['no employee count (one field left empty is unknown, not misfit)', 'good', { industry: 'INTERNET', numberofemployees: null, country: 'Ireland' }],
    ['no employee count and no country', 'stretch', { industry: 'INTERNET', numberofemployees: null, country: ' ' }],
    ['no industry and 12 people', 'stretch', { industry: null, numberofemployees: '12', country: 'Ireland' }],
    ['typed in Swedish, Dutch or with dots (Sverige, Nederland, U.K.)', 'good', { industry: 'INTERNET', numberofemployees: '100', country: 'Sverige' }],
    ['Republic of Ireland', 'good', { industry: 'INTERNET', numberofemployees: '100', country: 'Republic of Ireland' }],
    ['U.K.', 'good', { industry: 'INTERNET', numberofemployees: '100', country: 'U.K.' }],
    ['Nederland', 'good', { industry: 'INTERNET', numberofemployees: '100', country: 'Nederland' }],
    ['a restaurant', 'bad', { industry: 'RESTAURANTS', numberofemployees: '100', country: 'Germany' }],
    ['a government body', 'bad', { industry: 'GOVERNMENT_ADMINISTRATION', numberofemployees: '900', country: 'United States' }],
    ['4 people in a good industry', 'stretch', { industry: 'COMPUTER_SOFTWARE', numberofemployees: '4', country: 'Germany' }],
  ])('when the company is %s, then fit is %s', (_case, expected, properties) => {
    expect(scoreFit(properties, defaultScoringConfig).value).toBe(expected);
  });

  it('when a company is a stretch, then the criteria show which rule failed and with what value', () => {
    const fit = scoreFit({ industry: 'INTERNET', numberofemployees: '12', country: 'Canada' }, defaultScoringConfig);
    expect(fit.criteria.filter((c) => c.rule === 'good' && !c.passed)).toEqual([
      { rule: 'good', property: 'numberofemployees', actual: '12', passed: false, description: 'Number of Employees between 20 and 5,000' },
    ]);
  });

  it('when the portal allows no unknown fields, then one empty field makes a stretch, and the criterion says it was unknown', () => {
    const strict = { ...defaultScoringConfig, fit: { ...defaultScoringConfig.fit, unknownAllowed: 0 } };
    const fit = scoreFit({ industry: 'INTERNET', numberofemployees: null, country: 'Ireland' }, strict);
    expect(fit.value).toBe('stretch');
    expect(fit.criteria.find((c) => c.property === 'numberofemployees')).toMatchObject({ passed: false, unknown: true });
  });

  it.each([['customer', true], ['opportunity', false], [null, false]])('when lifecyclestage is %s, then customer is %s', (stage, expected) => {
    expect(isCustomer({ lifecyclestage: stage }, defaultScoringConfig)).toBe(expected);
  });
});
