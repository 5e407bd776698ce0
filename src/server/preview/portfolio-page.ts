import { cohorts, type Cohort } from '../../scoring/config.schema.ts';
import { cohortTrendChart } from './cohort-trend-chart.ts';
import { html, SafeHtml } from './html.ts';
import { page } from './page-layout.ts';
import { backtestSection, starPupilsSection } from './portfolio-backtest-html.ts';
import { playEffectivenessSection } from './portfolio-plays-html.ts';
import { churnReviewSection, retentionSection } from './portfolio-retention-html.ts';
import { csvHref, day, money, previewQuery, section, type PortfolioView } from './portfolio-view.ts';
import { goalsSection, renewalsSection, worklistsSection } from './portfolio-work-html.ts';

const styles = new SafeHtml(`<style>
  .row.between { justify-content:space-between; } .alert-inline { background:#fbe6e4; color:#8a2a22; border-radius:8px; padding:10px 14px; }
  .headline { display:flex; gap:28px; flex-wrap:wrap; margin:6px 0 14px; } .headline div { min-width:150px; }
  .headline strong { display:block; font-size:30px; line-height:1.1; } .defs { font-size:13px; color:var(--muted); margin:12px 0 0; padding-left:18px; }
  svg.cohort-trend { width:100%; height:auto; margin-top:12px; } svg.cohort-trend polyline { fill:none; stroke-width:2; }
  svg.cohort-trend .axis, svg.cohort-trend .label { font-size:10px; fill:var(--muted); }
  .line-positive { stroke:var(--green); fill:var(--green); } .line-neutral { stroke:var(--yellow); fill:var(--yellow); }
  .line-negative { stroke:var(--red); fill:var(--red); } .line-dark { stroke:#7b5ea7; fill:#7b5ea7; } .line-bad_fit { stroke:#8c96a3; fill:#8c96a3; }
  form.filters { display:flex; gap:12px; align-items:end; flex-wrap:wrap; margin-bottom:12px; } form.filters label { font-size:12px; color:var(--muted); display:flex; flex-direction:column; }
  h3 { font-size:15px; margin:16px 0 6px; } .bar { display:inline-block; height:10px; background:var(--red); border-radius:2px; vertical-align:middle; }
</style>`);

const cohortsSection = (view: PortfolioView) => section('cohorts', 'Cohorts by segment', view.cohorts, {
  csv: csvHref(view.portalId, 'cohorts'),
  empty: (table) => (table.cells.length === 0 && table.churned.length === 0 ? 'Nothing scored yet.' : null),
  render: (table) => {
    const segments = [...new Set([...table.cells.map((c) => c.segment), ...table.churned.map((c) => c.segment)])].sort();
    const cell = (segment: string, cohort: Cohort) => table.cells.find((c) => c.segment === segment && c.cohort === cohort);
    return html`<p class="muted">Current customers by segment and cohort, from each company's latest score card: customers, then ARR (${table.arrProperty}). Churned customers are counted apart, never in a cohort. A count lists its companies in the worklists below.</p>
  <table data-testid="cohorts-by-segment"><thead><tr><th>Segment</th>${cohorts.map((c) => html`<th><span class="pill ${c}">${c}</span></th>`)}<th>Churned</th></tr></thead><tbody>
  ${segments.map((segment) => {
    const churned = table.churned.find((c) => c.segment === segment);
    return html`<tr><td>${segment}</td>${cohorts.map((cohort) => {
      const found = cell(segment, cohort);
      return html`<td>${found ? html`<a href="/preview/portfolio?${previewQuery(view.portalId, { segment, cohort })}#section-worklists" data-testid="cell-${segment}-${cohort}">${found.customers}</a><br><span class="muted">${money(found.arr)}</span>` : html`<span class="muted">0</span>`}</td>`;
    })}<td>${churned?.customers ?? 0}<br><span class="muted">${money(churned?.arr ?? 0)}</span></td></tr>`;
  })}
  </tbody></table>`;
  },
});

const movementLabel = (value: string) => (value === 'new' ? 'new customer' : value);

const movementSection = (view: PortfolioView) => section('movement', 'Movement', view.movement, {
  csv: csvHref(view.portalId, 'movement'),
  empty: (m) => (m.windows.every((w) => w.transitions.length === 0) && m.trend.length === 0 ? 'Movement needs score cards from at least two days: it shows after the next scoring runs.' : null),
  render: (m) => html`${m.windows.map((w) => html`<h3>Last ${w.days} days <span class="muted">(since ${day(w.since)})</span></h3>${
    w.transitions.length === 0 ? html`<p class="muted">No customer changed cohort in this window.</p>` : html`<table data-testid="movement-${w.days}"><thead><tr><th>From</th><th>To</th><th>Customers</th><th>ARR</th></tr></thead><tbody>
    ${[...w.transitions].sort((a, b) => b.customers - a.customers).map((t) => html`<tr data-testid="move-${w.days}-${t.from}-${t.to}"><td><span class="pill ${t.from}">${movementLabel(t.from)}</span></td><td><span class="pill ${t.to}">${t.to}</span></td><td>${t.customers}</td><td>${money(t.arr)}</td></tr>`)}
    </tbody></table>`}`)}
  <h3>Customers per cohort, weekly <a href="${csvHref(view.portalId, 'trend')}" data-testid="csv-trend">CSV</a></h3>${cohortTrendChart(m.trend)}`,
});

/** The CS leader's portfolio in the sandbox: the same sections as the HubSpot home page, from the same endpoints' data. */
export const portfolioPage = (view: PortfolioView): string => {
  const segments = view.cohorts.ok ? [...new Set([...view.cohorts.data.cells, ...view.cohorts.data.churned].map((c) => c.segment))].sort() : [];
  return page('Portfolio', html`${styles}<main><section class="wide"><h1>Portfolio</h1>
  <p class="muted">Portal ${view.portalId} · your customers by segment and cohort, how they move, what you keep, why customers leave, your goals, who to work on next, how customers fared after each play, whether health saw churn coming, and what your star pupils do.</p></section>
  ${cohortsSection(view)}${movementSection(view)}${retentionSection(view)}${churnReviewSection(view)}${goalsSection(view)}
  ${worklistsSection(view, segments)}${renewalsSection(view)}${playEffectivenessSection(view)}
  ${backtestSection(view)}${starPupilsSection(view)}</main>`);
};
