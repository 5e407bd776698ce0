import { BarChart, Button, EmptyState, ErrorState, LineChart, LoadingSpinner, Select, StatisticsItem, Table, TableRow, Text } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { base, portfolioBackend, renderHome, rowText } from './portfolio-render.ts';
import { cohortsBody, movementBody, retentionBody } from './portfolio.fixture.ts';
import { eventValue, textOf } from './render-helpers.ts';

let backend: ReturnType<typeof portfolioBackend>;
beforeEach(() => {
  backend = portfolioBackend();
});

describe('the portfolio home page', () => {
  it('when it opens, then each section asks its own endpoint with the portal in the signed query', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'plays-table')).toBeTruthy());

    for (const section of ['cohorts', 'movement', 'retention', 'churn-review', 'goals', 'worklists', 'renewals', 'play-effectiveness']) {
      expect(backend.requestsTo(`GET ${base}/${section}`)[0]?.query.portalId, section).toBe('4242');
    }
    expect(backend.requestsTo(`GET ${base}/churn-review`)[0]?.query.months).toBe('12');
  });

  it('when one section\'s endpoint is still thinking, then that section shows its spinner and the others are readable', async () => {
    backend.on(`GET ${base}/retention`, 'never');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'cohorts-table')).toBeTruthy());

    expect(page.findByTestId(LoadingSpinner, 'retention-loading').props.label).toBe('Loading retention');
    expect(page.maybeFind(Table, { testId: 'retention-total' })).toBeNull();
    expect(page.findByTestId(Table, 'movement-table')).toBeTruthy();
  });
});

describe('cohorts by segment', () => {
  it('when loaded, then each segment shows count and ARR per cohort with the churned customers apart', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'cohorts-table')).toBeTruthy());

    expect(rowText(page, 'cohorts-row-enterprise')).toBe('enterprise 3 · 360,000 0 1 · 90,000 0 0 0 · 0');
    expect(rowText(page, 'cohorts-row-smb')).toBe('smb 0 12 · 96,000 0 2 · 14,000 0 1 · 6,000');
  });

  it('when the leader picks a cell, then the worklists and renewals are asked for that segment and cohort', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Button, 'cell-smb-dark')).toBeTruthy());

    page.findByTestId(Button, 'cell-smb-dark').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`GET ${base}/worklists`).at(-1)?.query).toEqual({ portalId: '4242', segment: 'smb', cohort: 'dark' }));
    expect(backend.requestsTo(`GET ${base}/renewals`).at(-1)?.query).toEqual({ portalId: '4242', segment: 'smb', cohort: 'dark' });
    expect(page.findByTestId(Select, 'filter-segment').props.value).toBe('smb');
    expect(page.findByTestId(Select, 'filter-cohort').props.value).toBe('dark');
  });

  it('when no customer is scored yet, then the section says so instead of an empty table', async () => {
    backend.on(`GET ${base}/cohorts`, { status: 200, body: { ...cohortsBody(), cells: [], churned: [] } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'cohorts-empty')).toBeTruthy());

    expect(textOf(page.findByTestId(EmptyState, 'cohorts-empty'))).toContain('after the first scoring run');
    expect(page.maybeFind(Table, { testId: 'cohorts-table' })).toBeNull();
  });

  it('when the endpoint fails, then the section shows the backend\'s message and a retry that asks again', async () => {
    backend.on(`GET ${base}/cohorts`, { status: 503, body: { error: { code: 'STORE_UNAVAILABLE', message: 'The store is not reachable right now.' } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'cohorts-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'cohorts-error'))).toContain('The store is not reachable right now.');

    backend.on(`GET ${base}/cohorts`, { status: 200, body: cohortsBody() });
    page.findByTestId(Button, 'cohorts-retry').trigger('onClick');

    await page.waitFor(() => expect(page.findByTestId(Table, 'cohorts-table')).toBeTruthy());
    expect(backend.requestsTo(`GET ${base}/cohorts`)).toHaveLength(2);
  });
});

describe('movement and the cohort trend', () => {
  it('when loaded, then the 30-day transitions show largest first and the trend charts each cohort weekly', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'movement-table')).toBeTruthy());

    const moves = page.findAll(TableRow).filter((r) => r.props.testId?.startsWith('move-')).map(textOf);
    expect(moves).toEqual(['Neutral Neutral 11 88,000', 'Neutral Gone dark 1 7,000', 'Bad fit Churned 1 6,000']);
    const chart = page.findByTestId(LineChart, 'cohort-trend');
    expect(chart.props.data).toEqual(expect.arrayContaining([{ week: '2026-11-29', customers: 3, cohort: 'Positive' }]));
    expect(chart.props.axes.options).toEqual({ groupFieldByColor: 'cohort' });
  });

  it('when the leader switches to 90 days, then the 90-day transitions show, new customers named as such', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'movement-days')).toBeTruthy());

    page.findByTestId(Select, 'movement-days').trigger('onChange', eventValue(90));

    await page.waitFor(() => expect(rowText(page, 'move-new-positive')).toBe('New customer Positive 1 120,000'));
    expect(rowText(page, 'move-negative-positive')).toBe('Negative Positive 2 240,000');
  });

  it('when there is no history yet, then the section explains when movement appears', async () => {
    backend.on(`GET ${base}/movement`, { status: 200, body: { ...movementBody(), windows: [{ days: 30, since: '2026-11-01T00:00:00.000Z', transitions: [] }], trend: [] } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'movement-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'movement-empty'))).toContain('at least two days');
  });

  it('when the endpoint answers a shape the page cannot read, then the error names the field', async () => {
    backend.on(`GET ${base}/movement`, { status: 200, body: { windows: 'soon' } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'movement-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'movement-error'))).toContain('windows');
  });
});

describe('retention', () => {
  it('when loaded, then good-fit NRR is the headline beside the all-customer NRR, the churned bad fit lowering only the latter', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'retention-total')).toBeTruthy());

    const headline = Object.fromEntries(page.findAll(StatisticsItem).map((s) => [s.props.label, s.props.number]));
    expect(headline).toMatchObject({ 'Good-fit NRR': '103.7%', 'All-customer NRR': '102.6%' });
    expect(rowText(page, 'retention-bad-fit')).toBe('Bad fit 1 6,000 0 0 6,000 0.0% 0.0% 0.0%');
    expect(rowText(page, 'retention-segment-smb')).toBe('smb 15 116,000 0 0 6,000 94.8% 94.8% 93.3%');
  });

  it('when loaded, then the definitions of start base, churn, contraction and the rates are written on the page', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'retention-total')).toBeTruthy());

    const definitions = page.findAll(Text).map((t) => t.text ?? '').join('\n');
    expect(definitions).toMatch(/Start base: every customer with ARR above zero at the period's start/);
    expect(definitions).toMatch(/Churned ARR: the whole start ARR/);
    expect(definitions).toMatch(/NRR = \(start − churned − contraction \+ expansion\) \/ start/);
  });

  it('when the leader picks 3 months, then the bad-fit base is empty and its rates read as a dash, not as 0%', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'retention-months')).toBeTruthy());

    page.findByTestId(Select, 'retention-months').trigger('onChange', eventValue(3));

    await page.waitFor(() => expect(rowText(page, 'retention-bad-fit')).toBe('Bad fit 0 0 0 0 0 – – –'));
    const chart = page.findByTestId(BarChart, 'retention-chart');
    expect(chart.props.data).toEqual(expect.arrayContaining([{ segment: 'smb', nrr: 100, customers: 'All customers' }]));
  });

  it('when no customer had ARR at any period\'s start, then the section says retention needs a book', async () => {
    const body = retentionBody();
    const zero = { customers: 0, retainedCustomers: 0, startArr: 0, expansionArr: 0, contractionArr: 0, churnedArr: 0, grossRevenueRetention: null, netRevenueRetention: null, logoRetention: null };
    backend.on(`GET ${base}/retention`, { status: 200, body: { ...body, periods: body.periods.map((p) => ({ ...p, total: { all: zero, goodFit: zero, badFit: zero }, byCohort: [], bySegment: [] })) } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'retention-empty')).toBeTruthy());
  });

  it('when Waypoint cannot be reached, then the section says so and offers a retry', async () => {
    backend.on(`GET ${base}/retention`, 'network-error');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'retention-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'retention-error'))).toContain('Waypoint could not be reached');
    expect(page.findByTestId(Button, 'retention-retry')).toBeTruthy();
  });
});
