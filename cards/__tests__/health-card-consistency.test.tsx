import { Alert, ScoreCircle, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';
import { HealthTab } from '../HealthTab.tsx';
import type { ScoreCardView } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { textOf } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const renderWith = async (overrides: Partial<ScoreCardView>, location: 'crm.record.sidebar' | 'crm.record.tab' = 'crm.record.sidebar') => {
  backend.on('GET /api/cards/company', { status: 200, body: scoredCardData(overrides) });
  const renderer = createRenderer(location);
  renderer.mocks.context.crm.objectId = 9001;
  const Card = location === 'crm.record.tab' ? HealthTab : HealthCard;
  renderer.render(<Card context={renderer.mocks.context} actions={{ addAlert: vi.fn() }} />);
  await renderer.waitFor(() => expect(renderer.find(ScoreCircle)).toBeTruthy());
  return renderer;
};

beforeEach(() => {
  backend = installFakeBackend();
});

describe('a card that does not contradict itself', () => {
  it('when a veto holds a score of 49 at red, then the card says it is capped and why', async () => {
    const { findByTestId } = await renderWith({ healthScore: 49, healthStatus: 'red', statusCap: 'capped at red: 3 urgent tickets open' });
    expect(findByTestId(StatusTag, 'health-status').text).toBe('At risk');
    expect(findByTestId(Text, 'status-cap').text).toBe('Status capped at red: 3 urgent tickets open');
  });

  it('when no veto applies, then the card says nothing about a cap', async () => {
    const { maybeFind } = await renderWith({ statusCap: null });
    expect(maybeFind(Text, { testId: 'status-cap' })).toBeNull();
  });

  it('when a churned customer went silent, then the card shows it churned, not gone dark', async () => {
    const { findByTestId, maybeFind } = await renderWith({
      cohort: 'dark', goneDark: { dark: false, daysSinceTwoWay: 80 },
      churn: { reason: 'churned 2026-09-01 (budget): avoidable, flagged negative or dark in the 60 days before' },
    });
    expect(findByTestId(Tag, 'cohort-tag').text).toBe('Churned');
    expect(textOf(findByTestId(Alert, 'churned-alert'))).toContain('churned 2026-09-01 (budget)');
    expect(findByTestId(Alert, 'churned-alert').props.title).toBe('This customer has churned');
    expect(maybeFind(Alert, { testId: 'gone-dark-alert' })).toBeNull();
  });

  it('when a customer has been silent for exactly one day, then the sentence says "1 day"', async () => {
    const { findByTestId } = await renderWith({ cohort: 'dark', goneDark: { dark: true, daysSinceTwoWay: 1 } });
    expect(textOf(findByTestId(Alert, 'gone-dark-alert'))).toContain('No two-way contact for 1 day.');
  });

  it('when a bad-fit rule matched, then it is shown as the reason and the bad-fit rules that did not match are not failures', async () => {
    const { findByTestId, findAll } = await renderWith({
      fit: {
        value: 'bad',
        criteria: [
          { description: 'Industry is Computer Software or Internet', passed: false, rule: 'good', actual: 'Restaurants' },
          { description: 'Industry is Restaurants or Farming', passed: true, rule: 'bad', actual: 'Restaurants' },
          { description: 'Number of Employees below 5', passed: false, rule: 'bad', actual: '40' },
        ],
      },
    }, 'crm.record.tab');
    expect(findByTestId(StatusTag, 'fit-tag').text).toBe('Bad fit');
    const lines = findAll(Text).map((t) => t.text ?? '').filter((t) => /^(Meets|Misses|Bad-fit)/.test(t));
    expect(lines).toEqual([
      'Misses: Industry is Computer Software or Internet (this company: Restaurants)',
      'Bad-fit reason: Industry is Restaurants or Farming (this company: Restaurants)',
    ]);
    expect(lines.join(' ')).not.toContain('below 5');
  });

  it('when a good-fit property is empty on the company, then the card says it is not set rather than showing a blank', async () => {
    const { findAll } = await renderWith({
      fit: { value: 'stretch', criteria: [{ description: 'Country/Region is Germany or France', passed: false, rule: 'good', actual: null }] },
    }, 'crm.record.tab');
    expect(findAll(Text).map((t) => t.text).filter((t) => t?.startsWith('Misses'))).toEqual(['Misses: Country/Region is Germany or France (not set on this company)']);
  });

  it('when an established customer never had its onboarding milestones evidenced, then they show as skipped, not stuck', async () => {
    const { findByTestId, maybeFind } = await renderWith({
      milestones: [
        { key: 'kickoff', label: 'Kick-off held', kind: 'customer', state: 'skipped', expectedBy: '2024-12-01', doneAt: null, scope: 'portal' },
        { key: 'adoption', label: 'Half of the seats active', kind: 'functional', state: 'done', expectedBy: '2025-02-01', doneAt: '2025-01-10T00:00:00Z', scope: 'portal' },
      ],
    });
    expect(findByTestId(StatusTag, 'milestone-state-kickoff').text).toBe('Skipped');
    expect(findByTestId(StatusTag, 'milestone-state-adoption').text).toBe('Done');
    expect(maybeFind(StatusTag, (tag) => tag.text === 'Stuck')).toBeNull();
  });
});
