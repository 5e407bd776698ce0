import { describe, expect, it } from 'vitest';
import { cohortTable } from '../../src/sandbox/summary.ts';

describe('the sandbox\'s terminal summary of cohorts', () => {
  it('when a segment has churned customers, then they are in the churned column, never in a cohort or the total', () => {
    const lines = cohortTable({
      cells: [{ segment: 'small', cohort: 'positive', customers: 3, arr: 0 }, { segment: 'large', cohort: 'negative', customers: 2, arr: 0 }],
      churned: [{ segment: 'small', customers: 4, arr: 0 }],
    });
    expect(lines).toEqual([
      'segment  bad_fit  dark  negative  neutral  positive  total  churned',
      '-------  -------  ----  --------  -------  --------  -----  -------',
      'large          0     0         2        0         0      2        0',
      'small          0     0         0        0         3      3        4',
      'all            0     0         2        0         3      5        4',
    ]);
  });
});
