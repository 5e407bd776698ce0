import type { CohortsBySegment } from '../store/portfolio-repository.ts';
import type { CsvTable } from './csv.ts';

// Each section's table as the CSV export lays it out: one row per line of the page's table, numbers unformatted.

export const cohortsCsv = (body: CohortsBySegment): CsvTable => ({
  columns: ['segment', 'cohort', 'customers', 'arr'],
  rows: [
    ...body.cells.map((c) => [c.segment, c.cohort, c.customers, c.arr] as const),
    ...body.churned.map((c) => [c.segment, 'churned', c.customers, c.arr] as const),
  ],
});
