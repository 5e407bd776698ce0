import { html } from './html.ts';
import { csvHref, day, money, percent, section, type PortfolioView } from './portfolio-view.ts';

type Figures = { customers: number; startArr: number; expansionArr: number; contractionArr: number; churnedArr: number; grossRevenueRetention: number | null; netRevenueRetention: number | null; logoRetention: number | null };

/** The definitions docs/portfolio.md gives, said where the numbers are read (the home page says the same). */
export const retentionDefinitions = [
  'Start base: every customer with ARR above zero at the period\'s start, at the ARR it had then, in the cohort and segment it had then. Customers won during the period are left out.',
  'Churned ARR: the whole start ARR of a customer that churned in the period, or whose ARR fell to zero.',
  'Contraction and expansion: how much a customer still there at the end went down or up from its start ARR.',
  'GRR = (start − churned − contraction) / start. NRR = (start − churned − contraction + expansion) / start. Logo retention = customers still there / customers at the start.',
  'Good fit is every cohort but bad fit: a bad fit is expected to churn out, so its churn is reported apart and good-fit retention is the headline.',
];

const head = (first: string) => html`<thead><tr><th>${first}</th><th>Customers at start</th><th>Start ARR</th><th>Expansion</th><th>Contraction</th><th>Churned ARR</th><th>GRR</th><th>NRR</th><th>Logo retention</th></tr></thead>`;
const row = (label: string, f: Figures, testId: string) => html`<tr data-testid="${testId}"><td>${label}</td><td>${f.customers}</td><td>${money(f.startArr)}</td><td>${money(f.expansionArr)}</td><td>${money(f.contractionArr)}</td><td>${money(f.churnedArr)}</td><td>${percent(f.grossRevenueRetention)}</td><td>${percent(f.netRevenueRetention)}</td><td>${percent(f.logoRetention)}</td></tr>`;

export const retentionSection = (view: PortfolioView) => section('retention', 'Retention', view.retention, {
  csv: csvHref(view.portalId, 'retention'),
  empty: (r) => (r.periods.every((p) => p.total.all.customers === 0) ? 'No customer had ARR at the start of any period yet: retention needs a book to measure.' : null),
  render: (r) => html`${r.periods.map((p) => html`<h3>Trailing ${p.months} months <span class="muted">(from ${day(p.start)})</span></h3>
  <div class="headline" data-testid="retention-headline-${p.months}"><div><span class="muted">Good-fit NRR</span><strong>${percent(p.total.goodFit.netRevenueRetention)}</strong></div>
    <div><span class="muted">All-customer NRR</span><strong>${percent(p.total.all.netRevenueRetention)}</strong></div>
    <div><span class="muted">Good-fit GRR</span><strong>${percent(p.total.goodFit.grossRevenueRetention)}</strong></div>
    <div><span class="muted">Good-fit logo retention</span><strong>${percent(p.total.goodFit.logoRetention)}</strong></div></div>
  <table data-testid="retention-${p.months}">${head('Customers')}<tbody>${row('Good fit', p.total.goodFit, `retention-${p.months}-good-fit`)}${row('Bad fit', p.total.badFit, `retention-${p.months}-bad-fit`)}${row('All customers', p.total.all, `retention-${p.months}-all`)}</tbody></table>
  <table data-testid="retention-${p.months}-by-cohort">${head('Cohort at start')}<tbody>${p.byCohort.map((c) => row(c.cohort, c.all, `retention-${p.months}-cohort-${c.cohort}`))}</tbody></table>
  <table data-testid="retention-${p.months}-by-segment">${head('Segment at start')}<tbody>${p.bySegment.map((s) => row(s.segment, s.all, `retention-${p.months}-segment-${s.segment}`))}</tbody></table>`)}
  <ul class="defs" data-testid="retention-definitions">${retentionDefinitions.map((line) => html`<li>${line}</li>`)}</ul>`,
});

const quadrantLabel = { avoidable_expected: 'avoidable, expected', avoidable_unexpected: 'avoidable, unexpected', unavoidable_expected: 'unavoidable, expected', unavoidable_unexpected: 'unavoidable, unexpected' } as const;

export const churnReviewSection = (view: PortfolioView) => section('churn', 'Churn review', view.churnReview, {
  csv: csvHref(view.portalId, 'churn-review'),
  empty: (c) => (c.customers.length === 0 ? `No customer churned in the last ${c.months} months.` : null),
  render: (c) => {
    const cell = (avoidable: boolean, expected: boolean) => {
      const q = c.quadrants.find((x) => x.avoidable === avoidable && x.expected === expected);
      return html`<td>${q?.customers ?? 0}<br><span class="muted">${money(q?.arr ?? 0)}</span></td>`;
    };
    return html`<p class="muted">Churned in the last ${c.months} months (since ${day(c.since)}). Unavoidable: acquisition, shutdown or a bad fit; every other churn was avoidable. Expected: the customer was flagged beforehand (bad fit, negative or gone dark); a bad fit's churn is always expected. Unexpected churn of a good fit is the one to learn from.</p>
  <table data-testid="churn-quadrants"><thead><tr><th></th><th>Expected</th><th>Unexpected</th></tr></thead><tbody>
    <tr data-testid="churn-avoidable"><td>Avoidable</td>${cell(true, true)}${cell(true, false)}</tr><tr data-testid="churn-unavoidable"><td>Unavoidable</td>${cell(false, true)}${cell(false, false)}</tr></tbody></table>
  <table data-testid="churn-customers"><thead><tr><th>Company</th><th>Segment</th><th>Churned</th><th>Class</th><th>Reason</th><th>ARR</th></tr></thead><tbody>
  ${c.customers.map((x) => html`<tr data-testid="churned-${x.companyId}"><td><a href="/preview/companies/${x.companyId}?portalId=${view.portalId}">${x.name ?? `Company ${x.companyId}`}</a></td><td>${x.segment}</td><td>${day(x.churnedAt)}</td><td>${quadrantLabel[x.quadrant]}</td><td>${x.reason}</td><td>${money(x.arr)}</td></tr>`)}
  </tbody></table>`;
  },
});
