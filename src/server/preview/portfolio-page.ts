import { cohorts } from '../../scoring/config.schema.ts';
import type { CohortsBySegment } from '../../store/portfolio-repository.ts';
import { html } from './html.ts';
import { page } from './page-layout.ts';

const money = (arr: number): string => Math.round(arr).toLocaleString('en-US');

/** The CS leader's book: current customers per segment (rows) and cohort (columns), churned customers apart. */
export const portfolioPage = (portalId: number, table: CohortsBySegment): string => {
  const segments = [...new Set([...table.cells.map((c) => c.segment), ...table.churned.map((c) => c.segment)])].sort();
  const cell = (segment: string, cohort: string) => table.cells.find((c) => c.segment === segment && c.cohort === cohort);
  const churned = (segment: string) => table.churned.find((c) => c.segment === segment);
  return page('Portfolio', html`<main><section class="wide"><h1>Portfolio</h1>
  <p class="muted">Portal ${portalId} · current customers by segment and cohort, from each company's latest score card: customers, then ARR. Churned customers are counted apart, never in a cohort.</p>
  <table data-testid="cohorts-by-segment"><thead><tr><th>Segment</th>${cohorts.map((c) => html`<th><span class="pill ${c}">${c}</span></th>`)}<th>Churned</th></tr></thead><tbody>
  ${segments.map((segment) => html`<tr><td>${segment}</td>${cohorts.map((cohort) => {
    const found = cell(segment, cohort);
    return html`<td>${found ? html`${found.customers}<br><span class="muted">${money(found.arr)}</span>` : html`<span class="muted">0</span>`}</td>`;
  })}<td>${churned(segment)?.customers ?? 0}<br><span class="muted">${money(churned(segment)?.arr ?? 0)}</span></td></tr>`)}
  </tbody></table>${segments.length === 0 ? html`<p class="muted">Nothing scored yet.</p>` : ''}</section></main>`);
};
