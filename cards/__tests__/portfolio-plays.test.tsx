import { EmptyState, ErrorState, LoadingSpinner, Table } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { base, portfolioBackend, renderHome, rowText } from './portfolio-render.ts';
import { textOf } from './render-helpers.ts';

let backend: ReturnType<typeof portfolioBackend>;
beforeEach(() => {
  backend = portfolioBackend();
});

describe('play effectiveness', () => {
  it('when loaded, then each play and outcome shows its count and health then, +30 and +90 days, "not yet" where the day has not come', async () => {
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(Table, 'plays-table')).toBeTruthy());

    expect(rowText(page, 'play-advocacy_ask-done-review')).toBe('Ask for advocacy Done · review 2 55.0 65.5 80.0');
    expect(rowText(page, 'play-advocacy_ask-skipped-none')).toBe('Ask for advocacy Skipped 1 40.0 not yet not yet');
    expect(backend.requestsTo(`GET ${base}/play-effectiveness`)[0]?.query.portalId).toBe('4242');
  });

  it('when no outcome is recorded yet, then the section says where they come from instead of an empty table', async () => {
    backend.on(`GET ${base}/play-effectiveness`, { status: 200, body: { portalId: 4242, asOf: '2026-12-01T00:00:00.000Z', plays: [] } });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(EmptyState, 'plays-empty')).toBeTruthy());
    expect(textOf(page.findByTestId(EmptyState, 'plays-empty'))).toContain('CSMs record them on the company card');
    expect(page.maybeFind(Table, { testId: 'plays-table' })).toBeNull();
  });

  it('when the endpoint fails, then only this section shows the error and the others stay readable', async () => {
    backend.on(`GET ${base}/play-effectiveness`, { status: 500 });
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'plays-error')).toBeTruthy());
    expect(textOf(page.findByTestId(ErrorState, 'plays-error'))).toContain('Waypoint answered with status 500.');
    await page.waitFor(() => expect(page.findByTestId(Table, 'renewals-table')).toBeTruthy());
  });

  it('when it is loading, then its spinner says what is coming', async () => {
    backend.on(`GET ${base}/play-effectiveness`, 'never');
    const page = renderHome();
    await page.waitFor(() => expect(page.findByTestId(LoadingSpinner, 'plays-loading').props.label).toBe('Loading play outcomes'));
  });
});
