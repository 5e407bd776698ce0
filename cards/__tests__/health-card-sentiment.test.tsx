import { Button, ScoreCircle, Select, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { renderCaseysCard } from './render-card.tsx';
import { eventValue } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const concerned = {
  value: 'concerned', label: 'Concerned', note: 'Sponsor unsure about the renewal budget', setBy: 'Casey Morgan',
  setAt: '2026-11-20T09:00:00Z', expiresAt: '2027-02-18T09:00:00Z',
} as const;

beforeEach(() => {
  backend = installFakeBackend();
});

describe('the CSM sentiment on the card', () => {
  it('when a sentiment is in force, then the card shows it apart from health with who set it, when, until when, and the note', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ csmSentiment: concerned }) });
    const { findByTestId } = await renderCaseysCard();
    expect(findByTestId(StatusTag, 'csm-sentiment-value').text).toBe('Concerned');
    expect(findByTestId(Text, 'csm-sentiment-by').text).toBe('set by Casey Morgan on 2026-11-20, expires 2027-02-18');
    expect(findByTestId(Text, 'csm-sentiment-note').text).toBe('“Sponsor unsure about the renewal budget”');
    expect(findByTestId(ScoreCircle, 'health-score').props.score).toBe(42);
  });

  it('when none is in force (never set, or expired), then the card says so and invites the CSM to set one', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ csmSentiment: null }) });
    const { findByTestId, maybeFind } = await renderCaseysCard();
    expect(findByTestId(Text, 'csm-sentiment-none').text).toContain('No CSM sentiment in force');
    expect(maybeFind(StatusTag, { testId: 'csm-sentiment-value' })).toBeNull();
  });

  it('when the CSM picks at risk with a note and saves, then the backend gets it with the user named and the card reloads', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    backend.on('POST /api/cards/actions/csm-sentiment', { status: 200, body: { status: 'ok' } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    findByTestId(Select, 'csm-sentiment-select').trigger('onChange', eventValue('at_risk'));
    findByTestId(TextArea, 'csm-sentiment-note-input').trigger('onChange', eventValue('  Champion left last week  '));
    findByTestId(Button, 'csm-sentiment-save').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Sentiment set' })));
    expect(backend.requestsTo('POST /api/cards/actions/csm-sentiment').map((r) => r.body)).toEqual([
      { value: 'at_risk', note: 'Champion left last week', setBy: 'Casey Morgan', idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
    ]);
    await vi.waitFor(() => expect(backend.requestsTo('GET /api/cards/company')).toHaveLength(2));
  });

  it('when saving fails and the CSM retries the same sentiment, then the retry carries the same key, so it is stored once', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    backend.on('POST /api/cards/actions/csm-sentiment', { status: 504, body: { error: { code: 'UPSTREAM_TIMEOUT', message: 'Took too long.' } } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    findByTestId(Button, 'csm-sentiment-save').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith({ type: 'danger', title: 'Sentiment not set', message: 'Took too long.' }));
    backend.on('POST /api/cards/actions/csm-sentiment', { status: 200, body: { status: 'ok' } });
    findByTestId(Button, 'csm-sentiment-save').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledTimes(2));
    const keys = backend.requestsTo('POST /api/cards/actions/csm-sentiment').map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
  });
});
