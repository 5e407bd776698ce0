import { Button, Input, StatusTag, Text } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Milestone } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { renderCaseysCard } from './render-card.tsx';
import { eventValue } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const ownMilestone: Milestone = { key: 'emea_rollout', label: 'EMEA team rolled out', kind: 'customer', state: 'behind', expectedBy: '2026-11-15', doneAt: null, scope: 'company' };
const withOwn = () => scoredCardData({ milestones: [...scoredCardData().score.milestones, ownMilestone] });

beforeEach(() => {
  backend = installFakeBackend();
});

describe("this customer's own milestones on the card", () => {
  it("when the customer has a milestone of its own, then it shows among the plan's, marked as this customer's, with change and remove; the plan's have neither", async () => {
    backend.on('GET /api/cards/company', { status: 200, body: withOwn() });
    const { findByTestId, maybeFind } = await renderCaseysCard();
    expect(findByTestId(StatusTag, 'milestone-state-emea_rollout').text).toBe('Behind');
    expect(findByTestId(Text, 'milestone-own-emea_rollout').text).toBe("this customer's");
    expect(findByTestId(Button, 'remove-milestone-emea_rollout')).toBeTruthy();
    expect(maybeFind(Button, { testId: 'remove-milestone-kickoff' })).toBeNull();
    expect(maybeFind(Text, { testId: 'milestone-own-kickoff' })).toBeNull();
  });

  it('when the CSM adds a milestone with a due date, then the backend gets it with the user named, and the form closes', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    backend.on('POST /api/cards/actions/company-milestone', { status: 200, body: { status: 'ok' } });
    const { findByTestId, maybeFind, addAlert } = await renderCaseysCard();
    findByTestId(Button, 'add-milestone').trigger('onClick');
    findByTestId(Input, 'milestone-label-input').trigger('onChange', eventValue('  Finance team live  '));
    findByTestId(Input, 'milestone-due-input').trigger('onChange', eventValue('2027-01-31'));
    findByTestId(Button, 'save-milestone').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Milestone saved' })));
    expect(backend.requestsTo('POST /api/cards/actions/company-milestone').map((r) => r.body)).toEqual([{ label: 'Finance team live', dueDate: '2027-01-31', setBy: 'Casey Morgan' }]);
    expect(maybeFind(Input, { testId: 'milestone-label-input' })).toBeNull();
  });

  it('when the CSM changes the due date of its own milestone, then the change names that milestone by key', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: withOwn() });
    backend.on('POST /api/cards/actions/company-milestone', { status: 200, body: { status: 'ok' } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    findByTestId(Button, 'change-milestone-emea_rollout').trigger('onClick');
    expect(findByTestId(Input, 'milestone-due-input').props.value).toBe('2026-11-15');
    findByTestId(Input, 'milestone-due-input').trigger('onChange', eventValue('2027-02-28'));
    findByTestId(Button, 'save-milestone').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledTimes(1));
    expect(backend.requestsTo('POST /api/cards/actions/company-milestone')[0]?.body).toEqual({ key: 'emea_rollout', label: 'EMEA team rolled out', dueDate: '2027-02-28', setBy: 'Casey Morgan' });
  });

  it('when the CSM removes it, then the backend is asked to remove that key and the CSM is told', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: withOwn() });
    backend.on('POST /api/cards/actions/remove-company-milestone', { status: 200, body: { status: 'ok' } });
    const { findByTestId, addAlert } = await renderCaseysCard();
    findByTestId(Button, 'remove-milestone-emea_rollout').trigger('onClick');
    await vi.waitFor(() => expect(addAlert).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', title: 'Milestone removed', message: '"EMEA team rolled out" is off this customer\'s plan.' })));
    expect(backend.requestsTo('POST /api/cards/actions/remove-company-milestone')[0]?.body).toEqual({ milestoneKey: 'emea_rollout' });
  });

  it('while the due date is not a date, then the milestone cannot be saved', async () => {
    backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
    const { findByTestId } = await renderCaseysCard();
    findByTestId(Button, 'add-milestone').trigger('onClick');
    findByTestId(Input, 'milestone-label-input').trigger('onChange', eventValue('Finance team live'));
    findByTestId(Input, 'milestone-due-input').trigger('onChange', eventValue('end of January'));
    expect(findByTestId(Button, 'save-milestone').props.disabled).toBe(true);
  });
});
