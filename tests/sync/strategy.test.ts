import { describe, expect, it } from 'vitest';
import { minimumRequests, ownersRequests, planningRequests, planType } from '../../src/sync/strategy.ts';

describe('choosing a sync strategy per object type from the counts', () => {
  it.each([
    { story: 'most companies are customers and objects are few per company', total: 1_861, customers: 145, companies: 200, strategy: 'associations', list: 19, associations: 15 },
    { story: 'customers are a small share of a large portal', total: 400_000, customers: 2_000, companies: 100_000, strategy: 'associations', list: 4_000, associations: 82 },
    { story: 'every company is a customer and the type is tiny', total: 50, customers: 3_000, companies: 3_000, strategy: 'list', list: 1, associations: 4 },
    { story: 'the counts are equal either way', total: 447, customers: 145, companies: 200, strategy: 'list', list: 5, associations: 5 },
    { story: 'there are no customers', total: 300, customers: 0, companies: 200, strategy: 'associations', list: 3, associations: 0 },
    { story: 'there are no objects of the type', total: 0, customers: 10, companies: 20, strategy: 'list', list: 1, associations: 1 },
  ])('when $story, then $strategy is chosen ($list list vs $associations association requests)', ({ total, customers, companies, strategy, list, associations }) => {
    const plan = planType('emails', total, { customers, companies });
    expect(plan).toMatchObject({ strategy, listRequests: list, associationRequests: associations });
    expect(plan.reason).toContain(`list ${list} requests`);
  });

  it('when the associations strategy found how many objects are linked, then the minimum counts those, not the estimate', () => {
    const plan = { ...planType('emails', 1_861, { customers: 145, companies: 200 }), linked: 1_740 };
    const companiesPages = 1;
    expect(minimumRequests(145, [plan])).toBe(planningRequests + ownersRequests + companiesPages + 1 + 18);
  });

  it('when a list strategy was chosen, then its minimum is the pages of all objects of the type', () => {
    const plan = planType('deals', 447, { customers: 145, companies: 200 });
    expect(minimumRequests(145, [plan])).toBe(planningRequests + ownersRequests + 1 + 5);
  });
});
