import { Alert, Button, EmptyState, ErrorState, Flex, LineChart, List, LoadingSpinner, ScoreCircle, StatusTag, Table, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';
import type { Cohort } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { textOf } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const renderCard = () => {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.context.portal.id = 4242;
  renderer.mocks.context.crm.objectId = 9001;
  const addAlert = vi.fn();
  renderer.render(<HealthCard context={renderer.mocks.context} actions={{ addAlert }} />);
  return { ...renderer, addAlert };
};

beforeEach(() => {
  backend = installFakeBackend();
});

describe('the health card while loading', () => {
  it('when the backend has not answered yet, then the card shows a labelled spinner and nothing else', async () => {
    backend.on('GET /api/cards/company', 'never');
    const { find, maybeFind } = renderCard();
    await vi.waitFor(() => expect(backend.requests).toHaveLength(1));
    expect(find(LoadingSpinner).props.label).toBe('Loading customer health');
    expect(maybeFind(ScoreCircle)).toBeNull();
  });

  it('when it loads, then it asks the generated backend URL for this portal and company', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: { status: 'not_scored' } });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(EmptyState, 'card-not-scored')).toBeTruthy());
    expect(backend.requests).toEqual([
      { method: 'GET', path: 'https://waypoint.example.com/api/cards/company', query: { portalId: '4242', objectId: '9001' }, body: undefined },
    ]);
  });
});

describe('the health card of a scored customer', () => {
  it.each<[Cohort, string, string]>([
    ['bad_fit', 'Bad fit', 'default'],
    ['dark', 'Gone dark', 'warning'],
    ['negative', 'Negative', 'error'],
    ['neutral', 'Neutral', 'info'],
    ['positive', 'Positive', 'success'],
  ])('when the customer is in cohort %s, then the card tags it "%s" (%s)', async (cohort, label, variant) => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ cohort }) });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Tag, 'cohort-tag')).toBeTruthy());
    const tag = findByTestId(Tag, 'cohort-tag');
    expect(tag.text).toBe(label);
    expect(tag.props.variant).toBe(variant);
  });

  it('when scored, then it shows the score, its status, the vector with its reason and why health changed', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ healthScore: 42.4, healthStatus: 'red' }) });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(42));
    expect(find(StatusTag, { testId: 'health-status' }).props.variant).toBe('danger');
    expect(findByTestId(StatusTag, 'health-status').text).toBe('At risk');
    expect(textOf(findByTestId(Flex, 'vector'))).toContain('Heading down');
    expect(textOf(findByTestId(Flex, 'vector'))).toContain('Active users fell by a third in 60 days.');
    expect(findByTestId(Text, 'change-reason').text).toBe('Health fell 9 points: usage dropped.');
  });

  it('when there are 90 days of history, then the trend chart plots all of them by date', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(find(LineChart)).toBeTruthy());
    const data = find(LineChart).props.data as Array<{ date: string; score: number }>;
    expect(data).toHaveLength(90);
    expect(data[0]).toEqual({ date: '2026-08-25', score: 60 });
    expect(find(LineChart).props.axes.x.field).toBe('date');
  });

  it('when there is a single score so far, then it says the trend is still building instead of drawing a chart', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ trend: [{ date: '2026-11-22', score: 42 }] }) });
    const { findByTestId, maybeFind, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Text, 'trend-too-short')).toBeTruthy());
    expect(maybeFind(LineChart)).toBeNull();
  });

  it('when a component drags health down most, then only its row carries the drag tag and its evidence is spelled out', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { findByTestId, findAll, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Table, 'components-table')).toBeTruthy());
    expect(findAll(Tag, { testId: 'drag-tag' })).toHaveLength(1);
    expect(textOf(findByTestId(TableRow, 'component-usage'))).toContain('Biggest drag');
    expect(textOf(findByTestId(TableRow, 'component-sentiment'))).toContain('No data');
    expect(textOf(findByTestId(Text, 'biggest-drag'))).toContain('Product usage');
    expect(textOf(findByTestId(Text, 'biggest-drag'))).toContain('12 of 40 seats active.');
  });

  it('when a component has no data because nothing is mapped, then its row says what to map', async () => {
    const body = scoredCardData();
    const hint = 'no usage data: map active users in Settings';
    const components = body.score.components.map((c) => (c.key === 'sentiment' ? { ...c, hint } : c));
    backend.on('GET /api/cards/company', { status: 200, body: { ...body, score: { ...body.score, components } } });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Table, 'components-table')).toBeTruthy());
    expect(textOf(findByTestId(Text, 'hint-sentiment'))).toBe(hint);
    expect(textOf(findByTestId(TableRow, 'component-usage'))).not.toContain('map');
  });

  it('when a component is out of the blend because nothing is wrong, then its value reads "No sign", not "No data"', async () => {
    const body = scoredCardData();
    const quiet = { key: 'decline', label: 'Signs of decline', value: null, weight: 0.1, contribution: 0, missing: true, detail: 'no sign of decline', hint: 'no sign of decline', quiet: true as const };
    backend.on('GET /api/cards/company', { status: 200, body: { ...body, score: { ...body.score, components: [...body.score.components, quiet] } } });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Table, 'components-table')).toBeTruthy());
    expect(textOf(findByTestId(TableRow, 'component-decline'))).toContain('No sign');
    expect(textOf(findByTestId(TableRow, 'component-decline'))).not.toContain('No data');
    expect(textOf(findByTestId(TableRow, 'component-sentiment'))).toContain('No data');
  });

  it('when milestones are in every state, then each shows its state tag, and only open customer milestones offer "Mark done"', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { findByTestId, findAll, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Flex, 'milestones')).toBeTruthy());
    const states = ['kickoff', 'first_invoice', 'exec_sponsor', 'second_team'].map((key) => findByTestId(StatusTag, `milestone-state-${key}`).text);
    expect(states).toEqual(['Done', 'Behind', 'Stuck', 'On track']);
    const markDone = findAll(Button).filter((b) => b.text === 'Mark done').map((b) => b.props.testId);
    expect(markDone).toEqual(['mark-done-exec_sponsor', 'mark-done-second_team']);
  });

  it('when the customer has gone dark, then a warning says for how long; when not, there is no warning', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ cohort: 'dark', goneDark: { dark: true, daysSinceTwoWay: 47 } }) });
    const dark = renderCard();
    await dark.waitFor(() => expect(dark.find(Alert).props.variant).toBe('warning'));
    expect(dark.find(Alert).text).toContain('No two-way contact for 47 days.');

    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const active = renderCard();
    await active.waitFor(() => expect(active.find(ScoreCircle)).toBeTruthy());
    expect(active.maybeFind(Alert)).toBeNull();
  });

  it('when a next play is set, then the card shows its label, reason and steps with a button to create the task', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Flex, 'next-play')).toBeTruthy());
    expect(textOf(findByTestId(Flex, 'next-play'))).toContain('Next play: Rescue');
    expect(textOf(findByTestId(Flex, 'next-play'))).toContain('the sponsor milestone is stuck');
    expect(findByTestId(List, 'next-play-steps').findAll(Text).map((t) => t.text)).toEqual(['Book a call with the champion', 'Re-run onboarding for the new team']);
    expect(findByTestId(Button, 'create-task-button').text).toBe('Create task for this play');
  });
});

describe('the health card without a score', () => {
  it('when the company is not a customer, then it explains why there is no score and offers no action', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: { status: 'not_customer' } });
    const { find, maybeFind, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('Not a customer'));
    expect(maybeFind(Button)).toBeNull();
  });

  it('when the customer is not scored yet, then it says so and offers to score it now', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: { status: 'not_scored' } });
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('Not scored yet'));
    expect(find(Button).text).toBe('Score now');
  });
});

describe('the health card when loading fails', () => {
  it('when the backend answers an error, then the card shows its message and a retry that loads the card', async () => {
    backend.on('GET /api/cards/company', { status: 503, body: { error: { code: 'STORE_UNAVAILABLE', message: 'Waypoint is restarting.' } } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(ErrorState))).toContain('Waypoint is restarting.'));

    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    findByTestId(Button, 'retry-button').trigger('onClick');
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(42));
    expect(backend.requestsTo('GET /api/cards/company')).toHaveLength(2);
  });

  it('when the backend cannot be reached, then the card says so', async () => {
    backend.on('GET /api/cards/company', 'network-error');
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(ErrorState))).toContain('Waypoint could not be reached.'));
  });

  it('when the backend sends data that breaks the contract, then the card names the field instead of drawing half a card', async () => {
    const broken = scoredCardData();
    (broken.score as { healthStatus: string }).healthStatus = 'purple';
    backend.on('GET /api/cards/company', { status: 200, body: broken });
    const { find, maybeFind, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(ErrorState))).toContain('score.healthStatus'));
    expect(maybeFind(ScoreCircle)).toBeNull();
  });
});
