import type { ScoreCardView, ScoredCardData } from '../card-data.schema.ts';

const day = (offset: number): string => new Date(Date.UTC(2026, 7, 25) + offset * 86_400_000).toISOString().slice(0, 10);

/** A scored customer as the backend would send it; each test overrides what its story is about. */
export const scoredCardData = (overrides: Partial<ScoreCardView> = {}): ScoredCardData => ({
  status: 'ok',
  company: { id: '9001', name: 'Acme Logistics' },
  score: {
    healthScore: 42,
    healthStatus: 'yellow',
    trend: Array.from({ length: 90 }, (_, i) => ({ date: day(i), score: 60 - Math.floor(i / 5) })),
    vector: { value: 'negative', reason: 'Active users fell by a third in 60 days.' },
    components: [
      { key: 'usage', label: 'Product usage', value: 20, weight: 0.4, contribution: 8, missing: false, detail: '12 of 40 seats active.' },
      { key: 'engagement', label: 'Two-way engagement', value: 70, weight: 0.3, contribution: 21, missing: false },
      { key: 'sentiment', label: 'Sentiment', value: null, weight: 0.3, contribution: 13, missing: true },
    ],
    biggestDrag: 'usage',
    milestones: [
      { key: 'kickoff', label: 'Kick-off held', kind: 'customer', state: 'done', expectedBy: '2026-06-01', doneAt: '2026-05-28T10:00:00Z', scope: 'portal' },
      { key: 'first_invoice', label: 'First invoice sent', kind: 'functional', state: 'behind', expectedBy: '2026-07-01', doneAt: null, scope: 'portal' },
      { key: 'exec_sponsor', label: 'Executive sponsor engaged', kind: 'customer', state: 'stuck', expectedBy: '2026-08-01', doneAt: null, scope: 'portal' },
      { key: 'second_team', label: 'Second team rolled out', kind: 'customer', state: 'on_track', expectedBy: null, doneAt: null, scope: 'portal' },
    ],
    milestoneProgress: 25,
    cohort: 'negative',
    goneDark: { dark: false, daysSinceTwoWay: 6 },
    nextPlay: {
      play: 'rescue',
      label: 'Rescue',
      reason: 'Usage is the biggest drag and the sponsor milestone is stuck.',
      steps: ['Book a call with the champion', 'Re-run onboarding for the new team'],
      who: { name: 'Dana Lee', role: 'executive sponsor', jobTitle: 'COO', email: 'dana@acme.example', lastTouch: '2026-11-10' },
      evidence: ['Open ticket "Export to CSV fails" (urgent, opened 5 days ago)', '12 of 40 seats active (30%), 28 seats idle'],
      template: { subject: 'A plan to get Acme Logistics back on track', body: 'Hi Dana,\n\nI have seen the issues your team ran into.' },
    },
    changeReason: 'Health fell 9 points: usage dropped.',
    fit: {
      value: 'stretch',
      criteria: [
        { description: 'Industry is Logistics and Supply Chain or Retail', passed: true, rule: 'good', actual: 'Logistics and Supply Chain' },
        { description: 'Number of Employees between 20 and 5,000', passed: false, rule: 'good', actual: '12' },
        { description: 'Industry is Restaurants or Farming', passed: false, rule: 'bad', actual: 'Logistics and Supply Chain' },
      ],
    },
    statusCap: null,
    churn: null,
    csmSentiment: null,
    valueRealised: null,
    firstValue: null,
    scoredAt: '2026-11-22T06:00:00Z',
    ...overrides,
  },
});
