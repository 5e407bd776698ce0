import { BarChart, EmptyState, ErrorState, LoadingSpinner, Select, Table, Text } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { backtestBody, starPupilsBody } from './backtest.fixture.ts';
import { portal, portfolioBackend, renderHome, rowText } from './portfolio-render.ts';
import { eventValue, textOf } from './render-helpers.ts';

let backend: ReturnType<typeof portfolioBackend>;
beforeEach(() => {
  backend = portfolioBackend();
});

describe('the backtest on the home page', () => {
  it('when the stored backtest is ready, then the leader reads AUC, churned-while-green and precision of red, overall and per segment', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'backtest-segments')).toBeTruthy());

    expect(textOf(page.findByTestId(Text, 'backtest-headline'))).toBe('Health AUC 0.74 · churned while green 10.0% · precision of red 8.3%');
    expect(rowText(page, 'backtest-all')).toBe('All 400 20 0.74 10.0% 8.3%');
    expect(rowText(page, 'backtest-segment-smb')).toBe('smb 300 16 0.71 12.5% 8.0%');
    // An AUC the backend could not compute reads n/a, never 0.
    expect(rowText(page, 'backtest-segment-enterprise')).toBe('enterprise 100 4 n/a 0.0% 0.0%');
    expect(backend.requestsTo(`GET ${portal}/backtest`)[0]?.query).toEqual({ portalId: '4242', horizon: '180' });
  });

  it('when drawn, then the calibration deciles chart observed churn per risk decile and the segments chart AUC, leaving out a segment without one', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(BarChart, 'backtest-deciles')).toBeTruthy());

    const deciles = page.findByTestId(BarChart, 'backtest-deciles').props.data as Array<{ decile: string; churn: number }>;
    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toEqual({ decile: '1 (risk 0-7)', churn: 0 });
    expect(deciles[9]).toEqual({ decile: '10 (risk 72-79)', churn: 15 });
    expect(page.findByTestId(BarChart, 'backtest-segment-auc').props.data).toEqual([{ segment: 'smb', auc: 0.713 }]);
  });

  it('when drawn, then each component shows its AUC alone and what the blend loses without it, and the calibration\'s holdout figures are stated', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'backtest-components')).toBeTruthy());

    expect(rowText(page, 'backtest-component-support')).toBe('Support 0.66 0.041 380');
    expect(rowText(page, 'backtest-component-engagement')).toBe('Engagement 0.41 -0.012 350');
    expect(rowText(page, 'backtest-component-csm_sentiment')).toBe('CSM sentiment n/a n/a 0');
    expect(textOf(page.findByTestId(Text, 'backtest-calibration'))).toContain('health AUC 0.69 now, 0.74 proposed; churned while green 28.6% now, 14.3% proposed');
  });

  it('when the leader picks the 90-day horizon, then the 90-day backtest is asked for and shown', async () => {
    backend.on(`GET ${portal}/backtest`, (request) => {
      const horizon = Number(request.query.horizon);
      const body = backtestBody(horizon);
      return { status: 200, body: horizon === 90 ? { ...body, report: { ...body.report, overall: { ...body.report.overall, healthAuc: 0.81 } } } : body };
    });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'backtest-horizon')).toBeTruthy());

    page.findByTestId(Select, 'backtest-horizon').trigger('onChange', eventValue(90));

    await page.waitFor(() => expect(textOf(page.findByTestId(Text, 'backtest-headline'))).toContain('Health AUC 0.81'));
    expect(backend.requestsTo(`GET ${portal}/backtest`).map((r) => r.query.horizon)).toEqual(['180', '90']);
  });

  it('when nothing has been computed yet, then the section says it is being computed instead of an empty report', async () => {
    backend.on(`GET ${portal}/backtest`, { status: 202, body: { status: 'computing', portalId: 4242, horizonDays: 180 } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'backtest-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'backtest-empty'))).toContain('It takes a few minutes');
    expect(page.maybeFind(BarChart, { testId: 'backtest-deciles' })).toBeNull();
  });

  it('when the calibration had too little history, then the reason is given instead of figures', async () => {
    const body = backtestBody();
    backend.on(`GET ${portal}/backtest`, { status: 200, body: { ...body, calibration: { ok: false, reason: 'too few cutoffs for a time split' } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Text, 'backtest-calibration')).toBeTruthy());
    expect(textOf(page.findByTestId(Text, 'backtest-calibration'))).toBe('No calibrated weights proposed: too few cutoffs for a time split.');
  });

  it('when the endpoint fails, then only this section shows the error, and the star pupils still load', async () => {
    backend.on(`GET ${portal}/backtest`, { status: 500 });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'backtest-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'backtest-error'))).toContain('Waypoint answered with status 500.');
    await page.waitFor(() => expect(page.findByTestId(Table, 'star-pupils-table')).toBeTruthy());
  });

  it('when it is loading, then its spinner says what is coming', async () => {
    backend.on(`GET ${portal}/backtest`, 'never');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(LoadingSpinner, 'backtest-loading').props.label).toBe('Loading backtest'));
  });
});

describe('the star-pupil profile on the home page', () => {
  it('when the profile is in, then each segment and all segments together show pupils, first value, depth, breadth, cadence and features', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'star-pupils-table')).toBeTruthy());

    expect(rowText(page, 'star-pupils-smb')).toBe('smb 12 day 18 62% of seats 4 2.3 reports (90%), api calls (50%)');
    expect(rowText(page, 'star-pupils-enterprise')).toBe('enterprise 3 – 62% of seats 4 2.3 reports (90%), api calls (50%)');
    expect(rowText(page, 'star-pupils-all')).toBe('All segments 15 day 18 62% of seats 4 2.3 reports (90%), api calls (50%)');
    expect(rowText(page, 'star-pupils-milestone-onboarding_complete')).toBe('onboarding complete day 14 – day 14');
    expect(backend.requestsTo(`GET ${portal}/star-pupils`)[0]?.query.portalId).toBe('4242');
  });

  it('when no whole-portal scoring has run yet, then the section says when the profile appears', async () => {
    backend.on(`GET ${portal}/star-pupils`, { status: 200, body: { portalId: 4242, profile: null } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'star-pupils-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'star-pupils-empty'))).toContain('next whole-portal scoring run');
  });

  it('when the portal has no star pupil, then the section says who would count as one', async () => {
    backend.on(`GET ${portal}/star-pupils`, { status: 200, body: { portalId: 4242, profile: { ...starPupilsBody().profile, segments: [], overall: null } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'star-pupils-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'star-pupils-empty'))).toContain('renewed or expanded');
  });

  it('when the endpoint answers a shape the page cannot read, then the error names the field', async () => {
    backend.on(`GET ${portal}/star-pupils`, { status: 200, body: { portalId: 4242, profile: { basis: 'lucky' } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'star-pupils-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'star-pupils-error'))).toContain('profile.basis');
  });
});
