import { Text } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { renderCaseysCard } from './render-card.tsx';

let backend: ReturnType<typeof installFakeBackend>;

beforeEach(() => {
  backend = installFakeBackend();
});

describe('time to first value and the star pupils on the card', () => {
  it('when the customer is 40 days in without first value, then the card says so beside how fast the star pupils got there', async () => {
    backend.on('GET /api/cards/company', {
      status: 200,
      body: scoredCardData({ firstValue: { days: null, starPupils: 'star pupils reach first value by day 18; this customer is on day 40 without it' } }),
    });
    const { findByTestId } = await renderCaseysCard();
    expect(findByTestId(Text, 'time-to-first-value').text).toBe('Time to first value: not reached yet');
    expect(findByTestId(Text, 'star-pupils').text).toBe('star pupils reach first value by day 18; this customer is on day 40 without it');
  });

  it('when the customer reached first value and its segment has no star pupils yet, then the card shows its days and no comparison', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ firstValue: { days: 25, starPupils: null } }) });
    const { findByTestId, maybeFind } = await renderCaseysCard();
    expect(findByTestId(Text, 'time-to-first-value').text).toBe('Time to first value: 25 days');
    expect(maybeFind(Text, { testId: 'star-pupils' })).toBeNull();
  });

  it('when the backend is older and sends no first value, then the card shows none of it', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { maybeFind } = await renderCaseysCard();
    expect(maybeFind(Text, { testId: 'time-to-first-value' })).toBeNull();
  });
});
