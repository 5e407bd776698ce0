import { Button, NumberInput, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../Settings.tsx';
import { installFakeBackend } from './fake-backend.ts';
import properties from './properties.recorded.json' with { type: 'json' };
import scoringConfig from './scoring-config.recorded.json' with { type: 'json' };

const base = '/api/v1/portals/4242';
let backend: ReturnType<typeof installFakeBackend>;

const weights = { usage: 0.113, cadence: 0, engagement: 0, support: 0.461, sentiment: 0.147, relationship: 0.119, milestones: 0, commercial: 0.26 };
const heldOut = (healthAuc: number, churnedWhileGreen: number, greenShare: number) => ({ observations: 4463, churned: 303, healthAuc, churnedWhileGreen, precisionOfRed: 0.05, greenShare });
// The calibration part of GET …/backtest as the backend sends it (backtestResponseSchema), trimmed to what the page reads.
const ready = {
  status: 'ready', portalId: 4242, refreshing: false, computedAt: '2026-11-30T02:00:00.000Z', configVersion: null,
  calibration: {
    ok: true, horizonDays: 180,
    training: { cutoffs: ['2025-01-01', '2025-02-01'] }, holdout: { cutoffs: ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'] },
    current: { holdout: heldOut(0.657, 0.307, 0.293) },
    proposed: { holdout: heldOut(0.718, 0.132, 0.116) },
    partialConfig: { health: {
      components: Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, { weight: w }])),
      weightsBySegment: { large: weights },
      weightsByStage: { onboarding: { milestones: 0, usage: 0.025 } },
      status: { green: 89, yellow: 87 },
      statusBySegment: { large: { green: 75, yellow: 50 } },
    } },
  },
};

const renderPage = () => {
  const renderer = createRenderer('settings');
  renderer.mocks.context.portal.id = 4242;
  renderer.render(<Settings context={renderer.mocks.context} actions={{ addAlert: vi.fn(), copyTextToClipboard: vi.fn(async () => {}) }} />);
  return renderer;
};

beforeEach(() => {
  backend = installFakeBackend();
  backend.on(`GET ${base}/scoring-config`, { status: 200, body: scoringConfig });
  backend.on(`GET ${base}/properties`, { status: 200, body: properties });
  backend.on(`GET ${base}/scoring-config/versions`, { status: 200, body: { versions: [] } });
  backend.on(`GET ${base}/api-keys`, { status: 200, body: { keys: [] } });
  backend.on(`POST ${base}/scoring-config/fit-counts`, { status: 200, body: { customers: 0, good: [], bad: [], fit: { good: 0, stretch: 0, bad: 0 } } });
});

describe('the health section\'s calibrated weights', () => {
  it('when the admin loads them, then the draft takes the fitted weights and bars, the held-out figures are shown, and only the dry run sends them', async () => {
    backend.on(`GET ${base}/backtest`, { status: 200, body: ready });
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: {
      currentVersion: null, companies: 10, customerChanged: 0, fitChanged: 0, cohortChanged: 0, statusChanged: 3, playChanged: 0,
      cohortMoves: {}, writeBack: { properties: 3, companies: 3 }, changesTruncated: false, changes: [],
    } });
    const page = renderPage();
    await page.waitFor(() => expect(page.findByTestId(Button, 'load-calibration')).toBeTruthy());

    page.findByTestId(Button, 'load-calibration').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(NumberInput, 'status-green').props.value).toBe(89));

    expect(page.findByTestId(Text, 'calibration-note').text).toMatch(/health AUC 0\.66 now, 0\.72 proposed; churned while green 31% now, 13% proposed; shown green 29% now, 12% proposed/);
    expect(backend.requestsTo(`PUT ${base}/scoring-config`)).toHaveLength(0);
    page.findByTestId(Button, 'review').trigger('onClick');
    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { health: { components: Record<string, { weight: number }>; weightsByStage: unknown; status: unknown; statusBySegment: unknown } };
    expect(sent.health.components.support?.weight).toBe(0.461);
    expect(sent.health.status).toEqual({ green: 89, yellow: 87 });
    expect(sent.health.statusBySegment).toEqual({ large: { green: 75, yellow: 50 } });
    // The refined stage values over the draft's own onboarding override; its other keys stay as they were.
    expect(sent.health.weightsByStage).toEqual({ onboarding: { milestones: 0, usage: 0.025, sentiment: 0.05, commercial: 0.03 } });
    expect(backend.requestsTo(`PUT ${base}/scoring-config`)).toHaveLength(0);
  });

  it('when the backtest is still being computed, then the page says so and the draft is untouched', async () => {
    backend.on(`GET ${base}/backtest`, { status: 202, body: { status: 'computing', portalId: 4242, horizonDays: 180 } });
    const page = renderPage();
    await page.waitFor(() => expect(page.findByTestId(Button, 'load-calibration')).toBeTruthy());
    page.findByTestId(Button, 'load-calibration').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'calibration-note').text).toMatch(/computing the backtest/));
    expect(page.findByTestId(NumberInput, 'status-green').props.value).toBe(70);
    expect(page.findByTestId(Button, 'review').props.disabled).toBe(true);
  });
});
