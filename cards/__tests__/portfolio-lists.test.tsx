import { Button, EmptyState, ErrorState, Link, LoadingSpinner, NumberInput, Select, StatusTag, Table, TableRow } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { base, portfolioBackend, renderHome, rowText } from './portfolio-render.ts';
import { csvBody, goalsBody, worklistsBody } from './portfolio.fixture.ts';
import { eventValue, textOf } from './render-helpers.ts';

let backend: ReturnType<typeof portfolioBackend>;
beforeEach(() => {
  backend = portfolioBackend();
});

describe('churn review', () => {
  it('when loaded, then the bad fit that churned counts as unavoidable and expected, with its reason and a link to the record', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'churn-customers')).toBeTruthy());

    expect(rowText(page, 'churn-unavoidable')).toBe('Unavoidable 1 · 6,000 0 · 0');
    expect(rowText(page, 'churn-avoidable')).toBe('Avoidable 0 · 0 0 · 0');
    expect(rowText(page, 'churned-77')).toBe('Shoe Palace smb 2026-11-12 Unavoidable, expected bad fit: retail is outside the ideal customer profile 6,000');
    const link = page.findAll(Link).find((l) => l.text === 'Shoe Palace');
    expect(link?.props.href).toEqual({ url: 'https://app.hubspot.com/contacts/4242/record/0-2/77', external: true });
  });

  it('when the leader picks 3 months and nobody churned then, then the backend is asked for 3 months and the section says none churned', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'churn-customers')).toBeTruthy());

    page.findByTestId(Select, 'churn-months').trigger('onChange', eventValue(3));

    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'churn-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'churn-empty'))).toContain('No customer churned in the last 3 months.');
    expect(backend.requestsTo(`GET ${base}/churn-review`).at(-1)?.query.months).toBe('3');
  });

  it('when the endpoint fails, then only this section shows the error', async () => {
    backend.on(`GET ${base}/churn-review`, { status: 500 });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'churn-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'churn-error'))).toContain('Waypoint answered with status 500.');
    await page.waitFor(() => expect(page.findByTestId(Table, 'goals-table')).toBeTruthy());
  });

  it('when it is loading, then its spinner says what is coming', async () => {
    backend.on(`GET ${base}/churn-review`, 'never');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(LoadingSpinner, 'churn-loading').props.label).toBe('Loading churn review'));
  });
});

describe('cohort goals', () => {
  it('when loaded, then each goal shows baseline, target, now, expected by now and whether it is on track', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'goals-table')).toBeTruthy());

    expect(rowText(page, 'goal-g1')).toBe('Negative · enterprise Customers -50% in 6 months 2027-03-01 2 1 1 1.5 On track');
    expect(rowText(page, 'goal-g2')).toBe('Positive · enterprise NRR at 150.0% in 12 months 2027-06-01 100.0% 150.0% 105.0% 125.0% Behind');
    expect(page.findAll(StatusTag).find((t) => t.text === 'Behind')?.props.variant).toBe('danger');
  });

  it('when the leader sets "positive in enterprise: 150% NRR in 12 months", then that goal is sent and the list reloads', async () => {
    backend.on(`POST ${base}/goals`, { status: 201, body: { goal: goalsBody().goals[1] } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'goal-segment').props.options).toHaveLength(2));

    page.findByTestId(Select, 'goal-cohort').trigger('onChange', eventValue('positive'));
    page.findByTestId(Select, 'goal-segment').trigger('onChange', eventValue('enterprise'));
    page.findByTestId(Select, 'goal-horizon').trigger('onChange', eventValue(12));
    page.findByTestId(Select, 'goal-kind').trigger('onChange', eventValue('nrr'));
    page.findByTestId(NumberInput, 'goal-value').trigger('onChange', eventValue(150));
    page.findByTestId(Button, 'goal-save').trigger('onClick');

    await page.waitFor(() => expect(page.addAlert).toHaveBeenCalledWith({ type: 'success', message: 'Goal set for Positive in enterprise over 12 months.' }));
    expect(backend.requestsTo(`POST ${base}/goals`)[0]?.body).toEqual({ cohort: 'positive', segment: 'enterprise', horizonMonths: 12, target: { kind: 'nrr', nrr: 1.5 } });
    await page.waitFor(() => expect(backend.requestsTo(`GET ${base}/goals`)).toHaveLength(2));
  });

  it('when the default goal is saved, then it halves the negative customers of the first segment in 6 months', async () => {
    backend.on(`POST ${base}/goals`, { status: 201, body: {} });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'goal-segment').props.value).toBe('enterprise'));

    page.findByTestId(Button, 'goal-save').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/goals`)[0]?.body).toEqual({ cohort: 'negative', segment: 'enterprise', horizonMonths: 6, target: { kind: 'count', changePercent: -50 } }));
    // The saved goal reloads the list; waiting for it keeps that request out of the next story's backend.
    await page.waitFor(() => expect(backend.requestsTo(`GET ${base}/goals`)).toHaveLength(2));
  });

  it('when the backend refuses the goal, then the leader reads why and the list is not reloaded', async () => {
    backend.on(`POST ${base}/goals`, { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'target.changePercent: must not be 0' } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'goal-segment').props.value).toBe('enterprise'));

    page.findByTestId(Button, 'goal-save').trigger('onClick');

    await page.waitFor(() => expect(page.addAlert).toHaveBeenCalledWith({ type: 'danger', message: 'The goal was not saved: target.changePercent: must not be 0' }));
    expect(backend.requestsTo(`GET ${base}/goals`)).toHaveLength(1);
  });

  it('when no goal is set yet, then the section invites one and the form is there', async () => {
    backend.on(`GET ${base}/goals`, { status: 200, body: { goals: [] } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'goals-empty')).toBeTruthy());
    expect(page.findByTestId(Button, 'goal-save')).toBeTruthy();
  });

  it('when the goals cannot be loaded, then the error shows with a retry', async () => {
    backend.on(`GET ${base}/goals`, { status: 502, body: { error: { code: 'UPSTREAM', message: 'Bad gateway.' } } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'goals-error')).toBeTruthy());
    expect(page.findByTestId(Button, 'goals-retry')).toBeTruthy();
  });
});

describe('worklists and renewals', () => {
  it('when loaded, then each owner\'s customers show health, cohort, next play and renewal, ownerless companies apart', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'renewals-table')).toBeTruthy());

    expect(rowText(page, 'work-12')).toBe('Blue Finch 31 · At risk Gone dark smb Re-engage 2027-01-15 7,000');
    expect(rowText(page, 'work-13')).toBe('Oak & Ash 55 · Needs attention Neutral smb Drive adoption – 7,000');
    expect(textOf(page.findByTestId(TableRow, 'work-40'))).toContain('Rescue');
    expect(rowText(page, 'renewal-12')).toBe('Blue Finch 2027-01-15 45 days Grace Hopper 31 · At risk Gone dark Re-engage 7,000');
  });

  it('when the leader filters by owner, then both lists are asked for that owner and the picker still offers every owner', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'filter-owner').props.options).toHaveLength(3));
    backend.on(`GET ${base}/worklists`, { status: 200, body: { ...worklistsBody(), owners: [worklistsBody().owners[0]] } });

    page.findByTestId(Select, 'filter-owner').trigger('onChange', eventValue('501'));

    await page.waitFor(() => expect(backend.requestsTo(`GET ${base}/worklists`).at(-1)?.query).toEqual({ portalId: '4242', owner: '501' }));
    expect(backend.requestsTo(`GET ${base}/renewals`).at(-1)?.query).toEqual({ portalId: '4242', owner: '501' });
    await page.waitFor(() => expect(page.maybeFind(TableRow, { testId: 'work-40' })).toBeNull());
    expect((page.findByTestId(Select, 'filter-owner').props.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['All owners', 'Grace Hopper', 'No owner']);
  });

  it('when a filter matches nobody, then both lists say so and the filters can be cleared', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Select, 'filter-cohort')).toBeTruthy());
    backend.on(`GET ${base}/worklists`, { status: 200, body: { owners: [] } });
    backend.on(`GET ${base}/renewals`, { status: 200, body: { withinDays: 120, renewals: [] } });

    page.findByTestId(Select, 'filter-cohort').trigger('onChange', eventValue('bad_fit'));

    await page.waitFor(() => expect(textOf(page.findByTestId(EmptyState, 'worklists-empty'))).toContain('No current customer matches these filters.'));
    expect(textOf(page.findByTestId(EmptyState, 'renewals-empty'))).toContain('No customer renews in the next 120 days with these filters.');
    page.findByTestId(Button, 'filter-clear').trigger('onClick');
    await page.waitFor(() => expect(backend.requestsTo(`GET ${base}/worklists`).at(-1)?.query).toEqual({ portalId: '4242' }));
  });

  it('when the worklists fail, then the renewals still show', async () => {
    backend.on(`GET ${base}/worklists`, { status: 500 });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'worklists-error')).toBeTruthy());
    await page.waitFor(() => expect(page.findByTestId(Table, 'renewals-table')).toBeTruthy());
  });

  it('when the renewals are loading, then their spinner shows', async () => {
    backend.on(`GET ${base}/renewals`, 'never');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(LoadingSpinner, 'renewals-loading')).toBeTruthy());
  });
});

describe('CSV export', () => {
  it('when the leader copies the filtered worklists as CSV, then the signed request asks for CSV with the filters and the text is on the clipboard', async () => {
    backend.on(`GET ${base}/worklists`, (request) => (request.query.format === 'csv' ? { status: 200, body: csvBody } : { status: 200, body: worklistsBody() }));
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Button, 'cell-smb-neutral')).toBeTruthy());
    page.findByTestId(Button, 'cell-smb-neutral').trigger('onClick');

    page.findByTestId(Button, 'export-worklists').trigger('onClick');

    await page.waitFor(() => expect(page.copyTextToClipboard).toHaveBeenCalledWith(csvBody));
    expect(backend.requestsTo(`GET ${base}/worklists`).at(-1)?.query).toEqual({ portalId: '4242', segment: 'smb', cohort: 'neutral', format: 'csv' });
    expect(page.addAlert).toHaveBeenCalledWith({ type: 'success', message: 'CSV of the worklists copied: paste it into a spreadsheet.' });
  });

  it('when every section is on the page, then each offers its CSV', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'plays-table')).toBeTruthy());
    const exports = page.findAll(Button).map((b) => b.props.testId).filter((id) => id?.startsWith('export-'));
    expect(exports).toEqual(['export-cohorts', 'export-movement', 'export-retention', 'export-churn-review', 'export-goals', 'export-worklists', 'export-renewals', 'export-play-effectiveness']);
  });

  it('when the CSV cannot be made, then nothing is copied and the leader reads why', async () => {
    backend.on(`GET ${base}/cohorts`, (request) => (request.query.format === 'csv' ? { status: 500 } : { status: 200, body: { arrProperty: 'arr', cells: [], churned: [] } }));
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Button, 'export-cohorts')).toBeTruthy());

    page.findByTestId(Button, 'export-cohorts').trigger('onClick');

    await page.waitFor(() => expect(page.addAlert).toHaveBeenCalledWith({ type: 'danger', message: 'CSV of cohorts by segment could not be made: Waypoint answered with status 500.' }));
    expect(page.copyTextToClipboard).not.toHaveBeenCalled();
  });
});
