import { cohorts, type Cohort } from '../../scoring/config.schema.ts';
import { html, type SafeHtml } from './html.ts';

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 36, right: 96, top: 12, bottom: 24 };

export type CohortTrendPoint = { weekEnding: string; cohort: Cohort; customers: number };

/** An inline SVG with one line per cohort: current customers on the latest card at each week's end. */
export const cohortTrendChart = (trend: readonly CohortTrendPoint[]): SafeHtml => {
  if (trend.length === 0) return html`<p class="muted" data-testid="cohort-trend-empty">No weekly history yet for the trend.</p>`;
  const weeks = [...new Set(trend.map((p) => p.weekEnding))].sort();
  const top = Math.max(1, ...trend.map((p) => p.customers));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (week: string) => PAD.left + (weeks.length === 1 ? innerW : (weeks.indexOf(week) / (weeks.length - 1)) * innerW);
  const y = (customers: number) => PAD.top + (1 - customers / top) * innerH;
  const present = cohorts.filter((cohort) => trend.some((p) => p.cohort === cohort));
  const endOf = (cohort: Cohort) => trend.filter((p) => p.cohort === cohort && p.weekEnding === weeks.at(-1)).reduce((n, p) => n + p.customers, 0);
  // End labels are pushed apart so cohorts that end close together stay readable.
  const labelY = new Map<Cohort, number>();
  for (const cohort of [...present].sort((a, b) => endOf(a) - endOf(b))) {
    const highest = Math.min(...labelY.values(), Infinity);
    labelY.set(cohort, Math.min(y(endOf(cohort)) + 4, highest - 11));
  }
  const lines = present.map((cohort) => {
    // A week with no customer in the cohort is a zero, not a gap: the cohort emptied.
    const points = weeks.map((week) => [week, trend.find((p) => p.cohort === cohort && p.weekEnding === week)?.customers ?? 0] as const);
    const last = points.at(-1);
    return html`<g class="line-${cohort}" data-testid="trend-line-${cohort}" data-last="${last?.[1] ?? 0}">
      <polyline points="${points.map(([week, n]) => `${x(week).toFixed(1)},${y(n).toFixed(1)}`).join(' ')}"></polyline>
      ${points.map(([week, n]) => html`<circle cx="${x(week).toFixed(1)}" cy="${y(n).toFixed(1)}" r="2.5"><title>${cohort} ${week.slice(0, 10)}: ${n}</title></circle>`)}
      <text class="label" x="${WIDTH - PAD.right + 6}" y="${(labelY.get(cohort) ?? 0).toFixed(1)}">${cohort} ${last?.[1] ?? 0}</text></g>`;
  });
  return html`<svg class="cohort-trend" data-testid="cohort-trend" data-weeks="${weeks.length}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"
    aria-label="Customers per cohort over the last ${weeks.length} weeks">
    ${[0, top].map((v) => html`<text class="axis" x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`)}
    ${lines}
    <text class="axis" x="${PAD.left}" y="${HEIGHT - 6}">${weeks[0]?.slice(0, 10) ?? ''}</text>
    <text class="axis" x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" text-anchor="end">${weeks.at(-1)?.slice(0, 10) ?? ''}</text>
  </svg>`;
};
