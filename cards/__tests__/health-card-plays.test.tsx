import { Button, Flex, ScoreCircle, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';
import type { NextPlay } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';
import { installFakeBackend } from './fake-backend.ts';
import { textOf } from './render-helpers.ts';

let backend: ReturnType<typeof installFakeBackend>;

const renderPlay = async (nextPlay: NextPlay) => {
  backend.on('GET /api/cards/company', { status: 200, body: scoredCardData({ nextPlay }) });
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.context.crm.objectId = 9001;
  renderer.render(<HealthCard context={renderer.mocks.context} actions={{ addAlert: vi.fn() }} />);
  await renderer.waitFor(() => expect(renderer.find(ScoreCircle)).toBeTruthy());
  return renderer;
};

beforeEach(() => {
  backend = installFakeBackend();
});

const sponsor = { name: 'Dana Lee', role: 'executive sponsor', jobTitle: 'COO', email: 'dana@acme.example', lastTouch: '2026-10-20' };
const champion = { name: 'Sam Ortiz', role: 'champion', jobTitle: 'Operations manager', email: 'sam@acme.example', lastTouch: '2026-11-18' };

describe('a play a CSM can act on', () => {
  it.each<[string, NextPlay, string, string[]]>([
    ['rescue', { play: 'rescue', label: 'Rescue', reason: 'negative: 2 urgent tickets open', steps: ['Align with the sponsor'], who: sponsor,
      evidence: ['Open ticket "Export to CSV fails" (urgent, opened 5 days ago)', 'Open ticket "SSO login loops" (high, opened 2 days ago)'], template: null },
    'Dana Lee, COO (executive sponsor), last touch 2026-10-20', ['Open ticket "Export to CSV fails" (urgent, opened 5 days ago)', 'Open ticket "SSO login loops" (high, opened 2 days ago)']],
    ['renewal', { play: 'renewal', label: 'Renewal', reason: 'renewal in 85 days, not signed: 90-day checkpoint', steps: ['Review the value reached'], who: sponsor,
      evidence: ['Renewal on 2027-02-14 (in 85 days), not signed'], template: { subject: 'Your renewal on 2027-02-14', body: 'Hi Dana,\n\nYour renewal is coming up.' } },
    'Dana Lee, COO (executive sponsor), last touch 2026-10-20', ['Renewal on 2027-02-14 (in 85 days), not signed']],
    ['drive adoption', { play: 'drive_adoption', label: 'Drive adoption', reason: 'neutral: next milestone is first business review held', steps: ['Run a training'], who: champion,
      evidence: ['Next milestone: First business review held (behind, expected by 2026-12-01)', '45 of 100 seats active (45%), 55 seats idle'], template: null },
    'Sam Ortiz, Operations manager (champion), last touch 2026-11-18', ['Next milestone: First business review held (behind, expected by 2026-12-01)', '45 of 100 seats active (45%), 55 seats idle']],
    ['review fit', { play: 'review_fit', label: 'Review fit', reason: 'bad fit by the rules, yet healthy: review whether the fit rules still hold', steps: ['Check the rule'], who: sponsor,
      evidence: ['Bad-fit rule matched: Industry is Restaurants or Farming'], template: null },
    'Dana Lee, COO (executive sponsor), last touch 2026-10-20', ['Bad-fit rule matched: Industry is Restaurants or Farming']],
  ])('when the play is %s, then the card names the contact and shows the evidence', async (_name, nextPlay, who, evidence) => {
    const { findByTestId, findAll } = await renderPlay(nextPlay);
    expect(textOf(findByTestId(Text, 'next-play-who'))).toBe(`Who: ${who}`);
    const shown = findAll(Text).map((t) => t.text);
    for (const line of evidence) expect(shown).toContain(line);
  });

  it('when the play has an email template, then the card shows its subject and body', async () => {
    const { findByTestId, find } = await renderPlay({
      play: 'renewal', label: 'Renewal', reason: 'renewal in 20 days, not signed: 60-day checkpoint', steps: ['Send the proposal'], who: sponsor, evidence: [],
      template: { subject: 'Your renewal on 2026-12-12', body: 'Hi Dana, your renewal is coming up on 2026-12-12.' },
    });
    const template = findByTestId(Flex, 'next-play-template');
    expect(textOf(template)).toBe('Email to start with: Your renewal on 2026-12-12 Hi Dana, your renewal is coming up on 2026-12-12.');
    expect(find(Text, (t) => t.text === 'Hi Dana, your renewal is coming up on 2026-12-12.').props.variant).toBe('microcopy');
  });

  it('when no contact is on record, then the card asks for one instead of naming nobody', async () => {
    const { findByTestId } = await renderPlay({ play: 'monitor', label: 'Monitor', reason: 'positive, nothing urgent', steps: ['Keep the cadence'], who: null, evidence: [], template: null });
    expect(textOf(findByTestId(Text, 'next-play-who'))).toBe('Who: No contact on record: add the sponsor or champion to this company.');
  });
});

describe('recording what came of a play', () => {
  it('when the CSM records that an advocacy ask got a review, then the backend is told the play, done and review', async () => {
    backend.on('POST /api/cards/actions/play-outcome', { status: 200, body: { status: 'ok' } });
    const { findByTestId } = await renderPlay({ play: 'advocacy', label: 'Advocacy ask', reason: 'positive, promoter NPS; asks recorded: 0', steps: ['Thank them'], who: champion, evidence: [], template: null });
    findByTestId(Button, 'outcome-review').trigger('onClick');
    await vi.waitFor(() => expect(backend.requestsTo('POST /api/cards/actions/play-outcome')).toHaveLength(1));
    expect(backend.requestsTo('POST /api/cards/actions/play-outcome')[0]?.body).toEqual({ play: 'advocacy', status: 'done', outcome: 'review', note: null });
  });

  it('when the play is not an advocacy ask, then the card offers done and skip, without advocacy outcomes', async () => {
    backend.on('POST /api/cards/actions/play-outcome', { status: 200, body: { status: 'ok' } });
    const { findByTestId, maybeFind } = await renderPlay({ play: 'rescue', label: 'Rescue', reason: 'negative', steps: ['Align'], who: sponsor, evidence: [], template: null });
    expect(maybeFind(Button, { testId: 'outcome-review' })).toBeNull();
    findByTestId(Button, 'outcome-skipped').trigger('onClick');
    await vi.waitFor(() => expect(backend.requestsTo('POST /api/cards/actions/play-outcome')).toHaveLength(1));
    expect(backend.requestsTo('POST /api/cards/actions/play-outcome')[0]?.body).toEqual({ play: 'rescue', status: 'skipped', outcome: null, note: null });
  });
});
