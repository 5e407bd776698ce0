import { Heading, ScoreCircle, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, expect, it, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';
import { HealthTab } from '../HealthTab.tsx';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';

let backend: ReturnType<typeof installFakeBackend>;

beforeEach(() => {
  backend = installFakeBackend();
  backend.on('GET /api/cards/company', { status: 200, body: scoredCardData() });
});

it('when the tab opens, then it names the company and shows fit with the criteria that decided it', async () => {
  const { find, findByTestId, findAll, waitFor, mocks, render } = createRenderer('crm.record.tab');
  mocks.context.crm.objectId = 9001;
  render(<HealthTab context={mocks.context} actions={{ addAlert: vi.fn() }} />);
  await waitFor(() => expect(find(ScoreCircle).props.score).toBe(42));
  expect(find(Heading).text).toBe('Acme Logistics');
  expect(findByTestId(StatusTag, 'fit-tag').text).toBe('Stretch');
  const criteria = findAll(Text).map((text) => text.text).filter((text) => /^(Meets|Misses|Bad-fit)/.test(text ?? ''));
  expect(criteria).toEqual([
    'Meets: Industry is Logistics and Supply Chain or Retail (this company: Logistics and Supply Chain)',
    'Misses: Number of Employees between 20 and 5,000 (this company: 12)',
  ]);
});

it('when the sidebar card shows the same customer, then it leaves fit to the tab', async () => {
  const { find, maybeFind, waitFor, mocks, render } = createRenderer('crm.record.sidebar');
  render(<HealthCard context={mocks.context} actions={{ addAlert: vi.fn() }} />);
  await waitFor(() => expect(find(ScoreCircle)).toBeTruthy());
  expect(maybeFind(StatusTag, { testId: 'fit-tag' })).toBeNull();
  expect(maybeFind(Heading, (heading) => heading.text === 'Acme Logistics')).toBeNull();
});
