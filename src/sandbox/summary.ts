import type { Cohort } from '../scoring/config.schema.ts';
import type { DataCoverage } from '../scoring/coverage.ts';
import type { ScoreCard } from '../scoring/score-card.schema.ts';
import type { CohortsBySegment } from '../store/portfolio-repository.ts';
import { playLabel } from '../writeback/play-values.ts';

const cohortOrder: readonly Cohort[] = ['bad_fit', 'dark', 'negative', 'neutral', 'positive'];

const isNumber = (cell: string) => /^\s*-?\d+$/.test(cell);

// Numbers line up on the right, words on the left, as a person scans a table.
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_h, i) => rows.length > 0 && rows.every((r) => isNumber(r[i] ?? '')));
  const pad = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [pad(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(pad)];
};

/**
 * Current customers per cohort (columns) per segment (rows), with totals, and churned customers in a column apart:
 * the store's cohorts section (GET …/portfolio/cohorts), so the terminal and the portfolio endpoints agree.
 */
export const cohortTable = (book: CohortsBySegment): string[] => {
  const segments = [...new Set([...book.cells.map((c) => c.segment), ...book.churned.map((c) => c.segment)])].sort();
  const count = (segment: string | null, cohort: Cohort | null) => book.cells
    .filter((c) => (segment === null || c.segment === segment) && (cohort === null || c.cohort === cohort)).reduce((sum, c) => sum + c.customers, 0);
  const churned = (segment: string | null) => book.churned.filter((c) => segment === null || c.segment === segment).reduce((sum, c) => sum + c.customers, 0);
  const rows = [...segments, null].map((segment) => [
    segment ?? 'all', ...cohortOrder.map((cohort) => String(count(segment, cohort))), String(count(segment, null)), String(churned(segment)),
  ]);
  return table(['segment', ...cohortOrder, 'total', 'churned'], rows);
};

export interface WorklistRow {
  companyId: string;
  name: string | null;
  card: Pick<ScoreCard, 'priority' | 'cohort' | 'health' | 'nextPlay'>;
}

/** The top of the prioritised worklist: who a CSM should call first, and why. */
export const worklistTable = (rows: readonly WorklistRow[]): string[] =>
  table(['#', 'company', 'cohort', 'health', 'next play', 'priority'], rows.map((row, i) => [
    String(i + 1), (row.name ?? `company ${row.companyId}`).slice(0, 36), row.card.cohort,
    String(Math.round(row.card.health.score)), playLabel(row.card.nextPlay.play), String(Math.round(row.card.priority)),
  ]));

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Which inputs the customers have, then each health component missing for some of them, why, and what fills it. */
export const coverageLines = (coverage: DataCoverage): string[] => [
  ...table(['input', 'customers', 'share'], coverage.inputs.map((i) => [i.label, String(i.customers), pct(i.share)])),
  '',
  ...(coverage.components.length === 0 ? ['every health component has data for every customer'] : coverage.components.flatMap((c) => [
    `${c.key}: missing for ${c.missing} of ${coverage.customers} (${pct(c.share)}): ${c.reasons.map((r) => `${r.reason} (${r.customers})`).join('; ')}`,
    `  ${c.fill === null ? 'nothing to map: missing by design' : `to fill it: ${c.fill}`}`,
  ])),
];
