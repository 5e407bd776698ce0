import { cohorts, type Play } from '../../scoring/config.schema.ts';
import { playLabel } from '../../writeback/play-values.ts';
import { html } from './html.ts';
import { day, money, percent, section, type PortfolioView } from './portfolio-view.ts';

type Goal = Extract<PortfolioView['goals'], { ok: true }>['data']['goals'][number];

const measured = (goal: Goal, value: number | null): string =>
  value === null ? '–' : goal.measure === 'nrr' ? percent(value) : String(Math.round(value * 10) / 10);
const targetText = (goal: Goal): string =>
  goal.target.kind === 'nrr' ? `NRR at ${percent(goal.target.nrr)}` : `customers ${goal.target.changePercent > 0 ? '+' : ''}${goal.target.changePercent}%`;
const statusText = { on_track: 'on track', behind: 'behind', unknown: 'not measurable yet' } as const;

export const goalsSection = (view: PortfolioView) => section('goals', 'Cohort goals', view.goals, {
  empty: (g) => (g.goals.length === 0 ? 'No goal set yet: the leader sets them on the HubSpot home page (or POST …/portfolio/goals).' : null),
  render: (g) => html`<table data-testid="goals"><thead><tr><th>Cohort · segment</th><th>Goal</th><th>Due</th><th>Baseline</th><th>Target</th><th>Now</th><th>Expected by now</th><th>Status</th></tr></thead><tbody>
  ${g.goals.map((goal) => html`<tr data-testid="goal-${goal.id}"><td><span class="pill ${goal.cohort}">${goal.cohort}</span> ${goal.segment}</td><td>${targetText(goal)} in ${goal.horizonMonths} months</td><td>${day(goal.dueAt)}</td>
    <td>${measured(goal, goal.baseline)}</td><td>${measured(goal, goal.targetValue)}</td><td>${measured(goal, goal.current)}</td><td>${measured(goal, goal.expectedByNow)}</td><td><span class="pill ${goal.status}">${statusText[goal.status]}</span></td></tr>`)}
  </tbody></table>`,
});

type Row = { companyId: string; name: string | null; segment: string; cohort: string; healthScore: number; healthStatus: string; nextPlay: Play; renewalDate: string | null; arr: number | null };

const company = (view: PortfolioView, row: Row) => html`<a href="/preview/companies/${row.companyId}?portalId=${view.portalId}">${row.name ?? `Company ${row.companyId}`}</a>`;
const health = (row: Row) => html`<span class="${row.healthStatus}">${Math.round(row.healthScore)}</span>`;
const ownerName = (o: { ownerId: string | null; ownerName: string | null }) => (o.ownerId === null ? 'No owner' : o.ownerName ?? `Owner ${o.ownerId}`);

const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${selected === value ? ' selected' : ''}>${label}</option>`;

const filterForm = (view: PortfolioView, segments: readonly string[]) => {
  const owners = view.worklists.ok ? view.worklists.data.owners : [];
  const { filters } = view;
  return html`<form class="filters" method="get" action="/preview/portfolio#section-worklists" data-testid="worklist-filters"><input type="hidden" name="portalId" value="${view.portalId}">
  <label>Owner<select name="owner">${option('', 'All owners', filters.owner ?? '')}${owners.map((o) => option(o.ownerId ?? 'none', ownerName(o), filters.owner))}</select></label>
  <label>Segment<select name="segment">${option('', 'All segments', filters.segment ?? '')}${segments.map((s) => option(s, s, filters.segment))}</select></label>
  <label>Cohort<select name="cohort">${option('', 'All cohorts', filters.cohort ?? '')}${cohorts.map((c) => option(c, c, filters.cohort))}</select></label>
  <button type="submit">Filter</button> <a href="/preview/portfolio?portalId=${view.portalId}#section-worklists">Clear</a></form>`;
};

export const worklistsSection = (view: PortfolioView, segments: readonly string[]) => section('worklists', 'Worklists', view.worklists, {
  lead: filterForm(view, segments),
  empty: (w) => (w.owners.every((o) => o.top.length === 0) ? 'No current customer matches these filters.' : null),
  render: (w) => html`${w.owners.filter((o) => o.top.length > 0).map((o) => html`<h3 data-testid="owner-${o.ownerId ?? 'none'}">${ownerName(o)} <span class="muted">· ${o.customers} ${o.customers === 1 ? 'customer' : 'customers'}</span></h3>
  <table><thead><tr><th>Company</th><th>Health</th><th>Cohort</th><th>Segment</th><th>Next play</th><th>Renewal</th><th>ARR</th></tr></thead><tbody>
  ${o.top.map((r) => html`<tr data-testid="work-${r.companyId}"><td>${company(view, r)}</td><td>${health(r)}</td><td><span class="pill ${r.cohort}">${r.cohort}</span></td><td>${r.segment}</td><td>${playLabel(r.nextPlay)}</td><td>${r.renewalDate ?? '–'}</td><td>${money(r.arr)}</td></tr>`)}
  </tbody></table>`)}`,
});

export const renewalsSection = (view: PortfolioView) => section('renewals', 'Renewals', view.renewals, {
  empty: (r) => (r.renewals.length === 0 ? `No customer renews in the next ${r.withinDays} days.` : null),
  render: (r) => html`<p class="muted">Renewing in the next ${r.withinDays} days, soonest first.</p><table data-testid="renewals"><thead><tr><th>Company</th><th>Renews</th><th>In</th><th>Owner</th><th>Health</th><th>Cohort</th><th>Next play</th><th>ARR</th></tr></thead><tbody>
  ${r.renewals.map((x) => html`<tr data-testid="renewal-${x.companyId}"><td>${company(view, x)}</td><td>${x.renewalDate ?? '–'}</td><td>${x.daysToRenewal} days</td><td>${ownerName(x)}</td><td>${health(x)}</td><td><span class="pill ${x.cohort}">${x.cohort}</span></td><td>${playLabel(x.nextPlay)}</td><td>${money(x.arr)}</td></tr>`)}
  </tbody></table>`,
});
