import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot, SnapshotEngagement } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, componentOf, contact, daysAgo, deal, inboundEmail, meeting, nps, outboundEmail, ticket } from './support/snapshot.ts';

// What each health component reads and what its line on the card says (docs/scoring.md, health components): the
// CSM acts on the sentence as much as on the number.
const card = (overrides: Parameters<typeof aSnapshot>[0], config = defaultScoringConfig) => scoreCompany(aSnapshot(overrides), config, NOW);
const component = (overrides: Parameters<typeof aSnapshot>[0], key: string, config = defaultScoringConfig) => componentOf(card(overrides, config), key) as
  ReturnType<typeof componentOf> & { detail: string };
const call = (days: number, direction: 'inbound' | 'outbound'): SnapshotEngagement =>
  ({ id: `call-${direction}-${days}`, kind: 'call', direction, outcome: 'COMPLETED', title: 'Call', timestamp: daysAgo(days) });

describe('cadence: CSM touches against the segment\'s coverage model', () => {
  it('when the CSM called once and emailed once, then both are touches; the customer\'s own email is not the CSM\'s touch', () => {
    const c = component({ engagements: [call(10, 'outbound'), outboundEmail(20), inboundEmail(5), call(6, 'inbound')] }, 'cadence');
    expect(c.detail).toBe('2 CSM touches in the last 90 days, 3 expected');
  });

  it('when a meeting was cancelled, then it is no touch; a held one is', () => {
    expect(component({ engagements: [meeting(10, 'QBR', 'CANCELED'), meeting(20)] }, 'cadence').detail).toBe('1 CSM touch in the last 90 days, 3 expected');
  });

  it('when a touch is exactly 90 days old, then it is in the window; at 91 days it is not', () => {
    expect(component({ engagements: [outboundEmail(90), outboundEmail(91)] }, 'cadence').detail).toBe('1 CSM touch in the last 90 days, 3 expected');
  });

  it('when a small (tech-touch) account has no touches, then the card says no cadence is expected rather than scoring it', () => {
    expect(component({ company: { arr: 5_000 } }, 'cadence')).toMatchObject({ missing: true, detail: 'no CSM cadence expected for small accounts' });
  });
});

describe('engagement: the customer\'s own touches', () => {
  it('when nothing is logged at all, then the card says so', () => {
    expect(component({}, 'engagement').detail).toBe('no engagement logged');
  });

  it('when only the CSM wrote, then the card says there is no inbound touch on record', () => {
    expect(component({ engagements: [outboundEmail(3)] }, 'engagement').detail).toBe('no inbound touch on record');
  });

  it('when five of six inbound touches are older than the 90-day window, then only one counts toward volume', () => {
    const c = component({ engagements: [inboundEmail(5), ...[100, 110, 120, 130, 140].map(inboundEmail)] }, 'engagement');
    expect(c.detail).toBe('last inbound touch 5 days ago, 1 in the last 90 days');
    expect(c.value).toBe(75);
  });

  it('when a touch is exactly 90 days old, then it still counts toward volume', () => {
    expect(component({ engagements: [inboundEmail(2), inboundEmail(90)] }, 'engagement').detail).toBe('last inbound touch 2 days ago, 2 in the last 90 days');
  });

  it('when the last touch was exactly 14 days ago, then it is still recent; at 20 days the card says how long it has been', () => {
    expect(component({ engagements: [inboundEmail(14)] }, 'engagement').detail).toBe('last inbound touch 14 days ago, 1 in the last 90 days');
    expect(component({ engagements: [inboundEmail(20)] }, 'engagement').detail).toBe('no inbound touch in 20 days');
  });

  it('when the portal asks for no minimum volume, then volume never holds engagement back, even with no touch in the window', () => {
    const config = structuredClone(defaultScoringConfig);
    config.health.components.engagement.inboundForFull = 0;
    // Recency is 0 after 60 days; the volume share (30%) is full.
    expect(component({ engagements: [inboundEmail(100)] }, 'engagement', config).value).toBe(30);
  });
});

describe('relationship: sponsor and champion', () => {
  it('when there are no contacts, then the card says so', () => {
    expect(component({}, 'relationship')).toMatchObject({ missing: true, detail: 'no contacts' });
  });

  it('when a CFO is in place and the champion left 10 days ago, then the card names the sponsor and the departure', () => {
    expect(component({ contacts: [contact('CFO'), contact('Champion', true, 10)] }, 'relationship').detail)
      .toBe('executive sponsor: CFO, champion left 10 days ago');
  });

  it('when no contact has an executive title, then the card says there is no executive sponsor', () => {
    expect(component({ contacts: [contact('Ops lead'), contact('Analyst')] }, 'relationship')).toMatchObject({ value: 60, detail: 'no executive sponsor' });
  });
});

describe('sentiment: the last three survey answers', () => {
  const ces = (value: number, days: number): CompanySnapshot['feedback'][number] =>
    ({ id: `ces-${value}-${days}`, surveyType: 'CES', value, submittedAt: daysAgo(days), responseGroup: null });

  it('when a customer answered a CES survey, then 7 (easiest) is 100, 4 is 50 and 1 is 0', () => {
    expect(component({ feedback: [ces(7, 5)] }, 'sentiment').value).toBe(100);
    expect(component({ feedback: [ces(4, 5)] }, 'sentiment')).toMatchObject({ value: 50, detail: 'CES 4 5 days ago' });
    expect(component({ feedback: [ces(1, 5)] }, 'sentiment').value).toBe(0);
  });

  it('when four answers are in the window, then only the last three count and the card gives their average', () => {
    const c = component({ feedback: [nps(0, 100), nps(10, 60), nps(7, 30), nps(10, 5)] }, 'sentiment');
    expect(c.value).toBe(90);
    expect(c.detail).toBe('NPS 10 (promoter) 5 days ago; 90 on average over the last 3 answers');
  });

  it('when an answer is exactly 365 days old, then it is still recent enough to count', () => {
    expect(component({ feedback: [nps(9, 365)] }, 'sentiment')).toMatchObject({ value: 90, detail: 'NPS 9 (promoter) 365 days ago' });
  });

  it('when nothing was answered in the window, then the card says there is no recent answer', () => {
    expect(component({ feedback: [nps(9, 366)] }, 'sentiment')).toMatchObject({ missing: true, detail: 'no survey answer recently' });
  });
});

describe('support: open tickets', () => {
  it('when nothing is open, then the card says no open tickets', () => {
    expect(component({ tickets: [ticket('HIGH', 30, 20)] }, 'support')).toMatchObject({ value: 100, detail: 'no open tickets' });
  });

  it('when two ordinary tickets are open and one of them for 20 days, then the card counts both and the stale one', () => {
    expect(component({ tickets: [ticket('LOW', 20), ticket('MEDIUM', 2)] }, 'support')).toMatchObject({ value: 80, detail: '2 tickets open, 1 open for over 14 days' });
  });

  it('when a ticket has been open exactly 14 days, then it is not yet stale', () => {
    expect(component({ tickets: [ticket('LOW', 14)] }, 'support')).toMatchObject({ value: 95, detail: '1 ticket open' });
  });

  it('when an urgent ticket is open among others, then the card leads with the urgent one', () => {
    expect(component({ tickets: [ticket('URGENT', 2), ticket('LOW', 3)] }, 'support').detail).toBe('1 urgent ticket open');
  });
});

describe('weights when a portal zeroes them', () => {
  it('when every component\'s weight is 0, then the present ones share the score equally', () => {
    const config = structuredClone(defaultScoringConfig);
    for (const settings of Object.values(config.health.components)) settings.weight = 0;
    config.health.weightsBySegment = {};
    const c = card({ tickets: [ticket('URGENT', 2)], feedback: [nps(10, 5)] }, config);
    const present = c.health.components.filter((x) => !x.missing);
    expect(present.map((x) => x.weight)).toEqual(present.map(() => 1 / present.length).map((w) => Math.round(w * 10_000) / 10_000));
    expect(c.health.score).toBeCloseTo(present.reduce((sum, x) => sum + (x.value ?? 0), 0) / present.length, 0);
  });
});

describe('status caps (vetoes)', () => {
  const healthyButSilent = {
    engagements: [outboundEmail(5), outboundEmail(20), outboundEmail(40), inboundEmail(70)],
    contacts: [contact('CFO'), contact('Ops lead')], deals: [deal('expansion', 30)],
  };

  it('when a customer that scores yellow or better has had no two-way touch in 70 days, then it is capped at red and the card says why', () => {
    const c = card(healthyButSilent);
    expect(c.health.score).toBeGreaterThanOrEqual(40);
    expect(c.health).toMatchObject({ status: 'red', vetoApplied: 'capped at red: no two-way touch in 70 days' });
  });

  it('when the portal caps detractors at yellow, then a green customer whose latest NPS is a detractor is yellow; a promoter is not capped', () => {
    const config = structuredClone(defaultScoringConfig);
    config.health.vetoes = [{ signal: 'detractor', atLeast: 1, capStatus: 'yellow' }];
    const green = { engagements: [inboundEmail(2), inboundEmail(10), meeting(20), outboundEmail(30)], contacts: [contact('CFO'), contact('Ops lead')], deals: [deal('expansion', 30)] };
    expect(card({ ...green, feedback: [nps(9, 5)] }, config).health).toMatchObject({ status: 'green', vetoApplied: null });
    expect(card({ ...green, feedback: [nps(10, 40), nps(3, 5)] }, config).health)
      .toMatchObject({ status: 'yellow', vetoApplied: 'capped at yellow: latest NPS is a detractor' });
  });

  it('when a customer is already at or below the cap, then the cap neither lifts it nor claims to have applied', () => {
    const yellowAlready = card({ engagements: [inboundEmail(20)], contacts: [contact('Ops lead'), contact('Champion', true, 10)] });
    expect(yellowAlready.health.status).not.toBe('green');
    expect(yellowAlready.health.vetoApplied).toBeNull();
    const red = card({ engagements: [inboundEmail(50)], tickets: [ticket('URGENT', 40), ticket('HIGH', 30)], contacts: [contact('Champion', true, 10)] });
    expect(red.health.status).toBe('red');
    expect(red.health.vetoApplied).toBeNull();
  });
});

describe('commercial: dates at the edges', () => {
  it('when a renewal deal is still open though its expected close date has passed, then it is not a lost renewal', () => {
    const open = { ...deal('existingbusiness', 10, false), isClosed: false };
    expect(component({ deals: [deal('newbusiness', 400, true, 40_000), { ...open, amount: 40_000 }] }, 'commercial').detail).not.toContain('renewal lost');
  });

  it('when an expansion closed exactly 180 days ago, then it still lifts commercial', () => {
    expect(component({ deals: [deal('expansion', 180)] }, 'commercial').value).toBe(100);
  });

  it('when the renewal is due today or exactly 90 days out and nothing is signed, then commercial is lowered', () => {
    expect(component({ company: { renewalDate: daysAgo(0) } }, 'commercial')).toMatchObject({ value: 50, detail: 'renewal today, not signed' });
    expect(component({ company: { renewalDate: daysAgo(-90) } }, 'commercial')).toMatchObject({ value: 50, detail: 'renewal in 90 days, not signed' });
  });
});
