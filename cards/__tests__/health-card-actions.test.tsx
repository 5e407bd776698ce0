import { Button, LoadingSpinner, ScoreCircle, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';

let backend: ReturnType<typeof installFakeBackend>;

const renderScoredCard = async () => {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.context.portal.id = 4242;
  renderer.mocks.context.crm.objectId = 9001;
  const addAlert = vi.fn();
  renderer.render(<HealthCard context={renderer.mocks.context} actions={{ addAlert }} />);
  await renderer.waitFor(() => expect(renderer.find(ScoreCircle)).toBeTruthy());
  return { ...renderer, addAlert };
};

const cardLoads = () => backend.requestsTo('GET /api/cards/company').length;

beforeEach(() => {
  backend = installFakeBackend();
  backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
});

describe('creating a task for the next play', () => {
  it('when the backend creates it, then the CSM sees a success alert and the card reloads its data', async () => {
    backend.on('POST /api/cards/actions/create-task', { status: 200, body: { status: 'ok', taskId: '777' } });
    const { findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'create-task-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Task created' })));
    expect(backend.requestsTo('POST /api/cards/actions/create-task')).toEqual([
      { method: 'POST', path: 'https://waypoint.example.com/api/cards/actions/create-task', query: { portalId: '4242', objectId: '9001' }, body: { play: 'rescue', idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) } },
    ]);
    await vi.waitFor(() => expect(cardLoads()).toBe(2));
  });

  it('when the backend refuses, then the CSM sees its reason in a danger alert and the card is not reloaded', async () => {
    backend.on('POST /api/cards/actions/create-task', { status: 502, body: { error: { code: 'HUBSPOT_MISSING_SCOPE', message: 'Waypoint may not create tasks in this portal.' } } });
    const { findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'create-task-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledTimes(1));
    expect(addAlert).toHaveBeenCalledWith({ type: 'danger', title: 'Task not created', message: 'Waypoint may not create tasks in this portal.' });
    expect(cardLoads()).toBe(1);
  });

  it('when the CSM retries after a failure, then the retry carries the same idempotency key, so the backend creates the task once', async () => {
    backend.on('POST /api/cards/actions/create-task', { status: 504, body: { error: { code: 'UPSTREAM_TIMEOUT', message: 'HubSpot took too long.' } } });
    const { findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'create-task-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledTimes(1));
    backend.on('POST /api/cards/actions/create-task', { status: 200, body: { status: 'ok', taskId: '778' } });
    findByTestId(Button, 'create-task-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledTimes(2));
    const keys = backend.requestsTo('POST /api/cards/actions/create-task').map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('while the task is being created, then every action button waits', async () => {
    backend.on('POST /api/cards/actions/create-task', 'never');
    const { findByTestId, findAll, waitFor } = await renderScoredCard();
    findByTestId(Button, 'create-task-button').trigger('onClick');
    await waitFor(() => expect(findByTestId(Button, 'create-task-button').text).toBe('Creating task…'));
    expect(findAll(Button).every((button) => button.props.disabled === true)).toBe(true);
  });
});

describe('marking a customer milestone done', () => {
  it('when it succeeds, then the milestone key is sent, the CSM is told, and the card shows the rescored data', async () => {
    backend.on('POST /api/cards/actions/mark-milestone', () => {
      backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({
        milestones: scoredCardData().score.milestones.map((m) => (m.key === 'exec_sponsor' ? { ...m, state: 'done', doneAt: '2026-11-23T09:00:00Z' } : m)),
      }) });
      return { status: 200, body: { status: 'ok' } };
    });
    const { findByTestId, addAlert, waitFor } = await renderScoredCard();
    findByTestId(Button, 'mark-done-exec_sponsor').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'milestone-state-exec_sponsor').text).toBe('Done'));
    expect(backend.requestsTo('POST /api/cards/actions/mark-milestone')[0]?.body).toEqual({ milestoneKey: 'exec_sponsor' });
    expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Milestone done' }));
  });

  it('when the backend cannot be reached, then the CSM is told and the milestone stays open', async () => {
    backend.on('POST /api/cards/actions/mark-milestone', 'network-error');
    const { findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'mark-done-second_team').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'danger', title: 'Milestone not updated' })));
    expect(findByTestId(StatusTag, 'milestone-state-second_team').text).toBe('On track');
  });
});

describe('rescoring now', () => {
  it('when the rescore succeeds, then the card shows the new score', async () => {
    backend.on('POST /api/cards/actions/rescore', () => {
      backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ healthScore: 71, healthStatus: 'green' }) });
      return { status: 200, body: { status: 'ok' } };
    });
    const { find, findByTestId, addAlert, waitFor } = await renderScoredCard();
    findByTestId(Button, 'rescore-button').trigger('onClick');
    await waitFor(() => expect(find(ScoreCircle).props.score).toBe(71));
    expect(backend.requestsTo('POST /api/cards/actions/rescore')[0]?.body).toEqual({});
    expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Rescored' }));
  });

  it('when Waypoint queued the rescore without finishing it, then the CSM is told it is on its way rather than done', async () => {
    backend.on('POST /api/cards/actions/rescore', { status: 202, body: { status: 'queued' } });
    const { findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'rescore-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'info', title: 'Rescore queued' })));
    expect(addAlert).not.toHaveBeenCalledWith(expect.objectContaining({ title: 'Rescored' }));
  });

  it('while the refresh after a rescore is on its way, then the card keeps showing the current score instead of a spinner', async () => {
    backend.on('POST /api/cards/actions/rescore', () => {
      backend.on('GET /api/cards/company', 'never');
      return { status: 200, body: { status: 'ok' } };
    });
    const { find, findByTestId, maybeFind, addAlert } = await renderScoredCard();
    findByTestId(Button, 'rescore-button').trigger('onClick');
    await vi.waitFor(() => expect(cardLoads()).toBe(2));
    expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success' }));
    expect(find(ScoreCircle).props.score).toBe(42);
    expect(maybeFind(LoadingSpinner)).toBeNull();
  });

  it('when the rescore answers with an unreadable body, then the CSM gets a danger alert and keeps the old score', async () => {
    backend.on('POST /api/cards/actions/rescore', { status: 200, body: { done: true } });
    const { find, findByTestId, addAlert } = await renderScoredCard();
    findByTestId(Button, 'rescore-button').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'danger', title: 'Rescore failed' })));
    expect(find(ScoreCircle).props.score).toBe(42);
  });

  it('when a customer not scored yet is scored from the empty state, then the card fills in', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: { status: 'not_scored' } });
    backend.on('POST /api/cards/actions/rescore', () => {
      backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
      return { status: 200, body: { status: 'ok' } };
    });
    const renderer = createRenderer('crm.record.sidebar');
    renderer.render(<HealthCard context={renderer.mocks.context} actions={{ addAlert: vi.fn() }} />);
    await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'rescore-button').text).toBe('Score now'));
    renderer.findByTestId(Button, 'rescore-button').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.find(ScoreCircle).props.score).toBe(42));
  });
});
