import type { BacktestResponse } from '../../backtest/backtest.schema.ts';
import type { SegmentProfile, StarPupilProfile } from '../../scoring/star-pupils.ts';
import { html, type SafeHtml } from './html.ts';
import { percent, section, type PortfolioView } from './portfolio-view.ts';

// The home page's backtest and star-pupil sections, from the same stored report and profile their endpoints answer.

type Ready = Extract<BacktestResponse, { status: 'ready' }>;
type Sample = Ready['report']['overall'];

const ratio = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));

/** Risk deciles with their observed churn as bars scaled to the worst decile, so rising churn reads at a glance. */
const decileBars = (sample: Sample): SafeHtml => {
  const top = Math.max(...sample.calibration.map((d) => d.churnRate), 0);
  return html`<table data-testid="backtest-deciles"><thead><tr><th>Risk decile</th><th>Risk (100 − health)</th><th>Customer-cutoffs</th><th>Churned</th><th>Observed churn</th></tr></thead><tbody>
  ${sample.calibration.map((d) => html`<tr data-testid="decile-${d.decile}"><td>${d.decile}</td><td>${Math.round(d.minRisk)}-${Math.round(d.maxRisk)}</td><td>${d.count}</td><td>${d.churned}</td>
    <td><span class="bar" style="width:${top === 0 ? 0 : Math.round((d.churnRate / top) * 160)}px"></span> ${percent(d.churnRate)}</td></tr>`)}
  </tbody></table>`;
};

const figuresRow = (id: string, name: string, s: Sample) =>
  html`<tr data-testid="backtest-${id}"><td>${name}</td><td>${s.observations}</td><td>${s.churned}</td><td>${ratio(s.healthAuc)}</td><td>${percent(s.churnedWhileGreen)}</td><td>${percent(s.precisionOfRed)}</td></tr>`;

const calibrationText = (calibration: Ready['calibration']): string => {
  if (!calibration.ok) return `No calibrated weights proposed: ${calibration.reason}.`;
  const { current, proposed } = calibration;
  return `Weights fitted on the older months, judged on the ${calibration.holdout.cutoffs.length} newest: health AUC ${ratio(current.holdout.healthAuc)} now, `
    + `${ratio(proposed.holdout.healthAuc)} proposed; churned while green ${percent(current.holdout.churnedWhileGreen)} now, ${percent(proposed.holdout.churnedWhileGreen)} proposed `
    + `(shown green ${percent(current.holdout.greenShare)} now, ${percent(proposed.holdout.greenShare)} proposed). The settings page loads them into its health section for the dry run.`;
};

const report = (data: Ready): SafeHtml => {
  const { overall, segments, cutoffs, horizonDays, failed } = data.report;
  return html`<div class="headline" data-testid="backtest-headline"><div><span class="muted">Health AUC</span><strong>${ratio(overall.healthAuc)}</strong></div>
    <div><span class="muted">Churned while green</span><strong>${percent(overall.churnedWhileGreen)}</strong></div><div><span class="muted">Precision of red</span><strong>${percent(overall.precisionOfRed)}</strong></div></div>
  <p class="muted">${overall.observations} customer-cutoffs on ${cutoffs.length} monthly cutoffs (${cutoffs.at(-1) ?? '–'} to ${cutoffs[0] ?? '–'}), ${overall.churned} churned within ${horizonDays} days${failed > 0 ? `; ${failed} could not be scored` : ''}. Computed ${data.computedAt.slice(0, 10)}${data.refreshing ? ', a newer backtest is being computed' : ''}.</p>
  <h3>Observed churn by risk decile</h3>${decileBars(overall)}
  <h3>Per segment</h3><table data-testid="backtest-segments"><thead><tr><th>Segment</th><th>Customer-cutoffs</th><th>Churned</th><th>Health AUC</th><th>Churned while green</th><th>Precision of red</th></tr></thead><tbody>
  ${figuresRow('all', 'All', overall)}${segments.map((s) => figuresRow(`segment-${s.segment}`, s.segment, s))}</tbody></table>
  <h3>Components</h3><table data-testid="backtest-components"><thead><tr><th>Component</th><th>AUC alone</th><th>AUC lost without it</th><th>Customer-cutoffs with data</th></tr></thead><tbody>
  ${overall.components.map((c) => html`<tr data-testid="backtest-component-${c.key}"><td>${c.key.replace(/_/g, ' ')}</td><td>${ratio(c.auc)}</td><td>${c.aucLostWithout === null ? 'n/a' : c.aucLostWithout.toFixed(3)}</td><td>${c.observed}</td></tr>`)}
  </tbody></table>
  <p data-testid="backtest-calibration">${calibrationText(data.calibration)}</p>
  <p class="muted">Each cutoff scores every customer from what was dated before it only. AUC: the chance a customer who churned had lower health than one who stayed (0.5 a coin toss, 1 perfect). A component under 0.5 alone, or with a negative loss, ranks churn the wrong way.</p>`;
};

export const backtestSection = (view: PortfolioView) => section('backtest', 'Backtest: did health see churn coming? (180 days)', view.backtest, {
  empty: (b) => (b.status === 'computing'
    ? 'Waypoint is scoring your customers as they stood at each past month to compare with what happened next: reload in a few minutes.'
    : b.report.overall.observations === 0 ? 'No customer was a customer at any past cutoff yet: the backtest needs a few months of history.' : null),
  render: (b) => (b.status === 'ready' ? report(b) : html``),
});

const daysText = (value: number | null) => (value === null ? '–' : `day ${Math.round(value)}`);
const groupName = (segment: string) => (segment === 'all' ? 'All segments' : segment);
const features = (g: SegmentProfile) => (g.features.length === 0 ? '–' : g.features.slice(0, 3).map((f) => `${f.feature.replace(/_/g, ' ')} (${Math.round(f.share * 100)}%)`).join(', '));

const profileTables = (profile: StarPupilProfile): SafeHtml => {
  const groups = [...profile.segments, ...(profile.overall ? [profile.overall] : [])];
  const milestones = Object.keys(profile.overall?.medianDaysTo ?? {});
  return html`<p>${profile.basis === 'renewed_or_expanded' ? 'Star pupils: good-fit customers who renewed or expanded.' : 'No renewal or expansion is on record yet, so star pupils are good-fit customers retained a year or more and green today.'}</p>
  <table data-testid="star-pupils-table"><thead><tr><th>Segment</th><th>Pupils</th><th>First value</th><th>Usage depth</th><th>Breadth</th><th>Touches per 30 days</th><th>Features they use</th></tr></thead><tbody>
  ${groups.map((g) => html`<tr data-testid="star-pupils-${g.segment}"><td>${groupName(g.segment)}</td><td>${g.pupils}</td><td>${daysText(g.timeToFirstValueDays)}</td>
    <td>${g.usageDepth === null ? '–' : `${Math.round(g.usageDepth * 100)}% of seats`}</td><td>${g.usageBreadth === null ? '–' : g.usageBreadth.toFixed(0)}</td><td>${g.touchesPer30Days === null ? '–' : g.touchesPer30Days.toFixed(1)}</td><td>${features(g)}</td></tr>`)}
  </tbody></table>
  ${milestones.length === 0 ? '' : html`<table data-testid="star-pupils-milestones"><thead><tr><th>Milestone (median day reached)</th>${groups.map((g) => html`<th>${groupName(g.segment)}</th>`)}</tr></thead><tbody>
  ${milestones.map((key) => html`<tr data-testid="star-pupils-milestone-${key}"><td>${key.replace(/_/g, ' ')}</td>${groups.map((g) => html`<td>${daysText(g.medianDaysTo[key] ?? null)}</td>`)}</tr>`)}
  </tbody></table>`}
  <p class="muted">Days count from the customer's contract start (else its creation); "–" where no pupil reached it. The settings page's milestones section can take these days as expected days, through the dry run.</p>`;
};

export const starPupilsSection = (view: PortfolioView) => section('star-pupils', 'Star pupils', view.starPupils, {
  empty: (p) => (p === null ? 'The profile is drawn at the next whole-portal scoring run.'
    : p.overall === null ? 'No good-fit customer has renewed or expanded (or stayed a year and is green) yet.' : null),
  render: (p) => (p === null ? html`` : profileTables(p)),
});
