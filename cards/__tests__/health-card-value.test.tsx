import { Button, Input, NumberInput, ProgressBar, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ValueRealised } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { renderCaseysCard } from './render-card.tsx';
import { eventValue } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const halfway: ValueRealised = {
  outcome: 'Cut month-end close from 10 days to 4', metric: 'Days to close the month', baseline: 10, target: 4, targetDate: '2027-03-31',
  current: 7, currentSource: 'company property days_to_close', level: 'partial', percent: 50, setBy: 'Casey Morgan', setAt: '2026-10-01T09:00:00Z',
};

beforeEach(() => {
  backend = installFakeBackend();
});

describe('the desired outcome and value realised on the card', () => {
  it('when the customer is halfway to its target, then the card shows the outcome, the plan, partial value at 50% and where the number came from', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ valueRealised: halfway }) });
    const { findByTestId } = await renderCaseysCard();
    expect(findByTestId(Text, 'value-realised-outcome').text).toBe('Cut month-end close from 10 days to 4');
    expect(findByTestId(Text, 'value-realised-plan').text).toBe('Days to close the month: from 10 to 4 by 2027-03-31');
    expect(findByTestId(StatusTag, 'value-realised-level').text).toBe('Partial value');
    expect(findByTestId(ProgressBar, 'value-realised-progress').props.value).toBe(50);
    expect(findByTestId(Text, 'value-realised-current').text).toBe('now 7 (company property days_to_close)');
  });

  it('when the current value is unknown, then the card says no value is measured yet instead of showing none', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ valueRealised: { ...halfway, current: null, level: null, percent: null } }) });
    const { findByTestId, maybeFind } = await renderCaseysCard();
    expect(findByTestId(Text, 'value-realised-unknown').text).toBe('No current value yet (company property days_to_close is empty or not a number).');
    expect(maybeFind(StatusTag, { testId: 'value-realised-level' })).toBeNull();
  });

  it('when the CSM records a desired outcome read from a usage metric, then the backend gets every field with the user named', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    backend.on('POST /api/cards/actions/desired-outcome', { status: 200, body: { status: 'ok' } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    expect(findByTestId(Text, 'value-realised-none').text).toContain('No desired outcome recorded');
    findByTestId(Button, 'value-realised-edit').trigger('onClick');
    findByTestId(Input, 'outcome-input').trigger('onChange', eventValue('Send every customer a weekly report'));
    findByTestId(Input, 'metric-input').trigger('onChange', eventValue('Reports sent a week'));
    findByTestId(Select, 'source-kind').trigger('onChange', eventValue('usage'));
    findByTestId(Input, 'source-name').trigger('onChange', eventValue('reports_sent'));
    findByTestId(NumberInput, 'baseline-input').trigger('onChange', eventValue(0));
    findByTestId(NumberInput, 'target-input').trigger('onChange', eventValue(200));
    findByTestId(Input, 'target-date-input').trigger('onChange', eventValue('2027-06-30'));
    findByTestId(Button, 'value-realised-save').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Desired outcome set' })));
    expect(backend.requestsTo('POST /api/cards/actions/desired-outcome').map((r) => r.body)).toEqual([{
      outcome: 'Send every customer a weekly report', metric: 'Reports sent a week', source: { kind: 'usage', metric: 'reports_sent' },
      baseline: 0, target: 200, targetDate: '2027-06-30', setBy: 'Casey Morgan', idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    }]);
  });

  it('while a field is missing, then the save button stays off and nothing is sent', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { findByTestId } = await renderCaseysCard();
    findByTestId(Button, 'value-realised-edit').trigger('onClick');
    findByTestId(Input, 'outcome-input').trigger('onChange', eventValue('Faster close'));
    expect(findByTestId(Button, 'value-realised-save').props.disabled).toBe(true);
    expect(backend.requestsTo('POST /api/cards/actions/desired-outcome')).toEqual([]);
  });

  it('when the backend refuses the property, then the CSM sees its reason', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ valueRealised: halfway }) });
    backend.on('POST /api/cards/actions/desired-outcome', { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'source.property: "dtc" is not a value property of this portal' } } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    findByTestId(Button, 'value-realised-edit').trigger('onClick');
    findByTestId(Input, 'source-name').trigger('onChange', eventValue('dtc'));
    findByTestId(Button, 'value-realised-save').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith({ type: 'danger', title: 'Desired outcome not set', message: 'source.property: "dtc" is not a value property of this portal' }));
  });
});
