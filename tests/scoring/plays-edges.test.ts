import { describe, expect, it } from 'vitest';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PlayOutcome } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, deal, inboundEmail, meeting, nps, usageLine } from './support/snapshot.ts';

// The next play at the edges of its rules (docs/scoring.md, plays): renewal checkpoints, the advocacy ladder, the
// depth that opens an expansion conversation, and what each reason says.
const score = (overrides: Parameters<typeof aSnapshot>[0], config: ScoringConfig = defaultScoringConfig) => scoreCompany(aSnapshot(overrides), config, NOW);
const thriving = { engagements: [inboundEmail(3), meeting(20)], deals: [deal('expansion', 60)], usage: usageLine(40, 60) };
const nearLimit = { ...thriving, usage: usageLine(70, 95) };

describe('renewal checkpoints', () => {
  it.each([
    [0, 'renewal today, not signed: 60-day checkpoint'],
    [60, 'renewal in 60 days, not signed: 60-day checkpoint'],
    [90, 'renewal in 90 days, not signed: 90-day checkpoint'],
    [120, 'renewal in 120 days, not signed: 120-day checkpoint'],
  ])('when an unsigned renewal is %i days away, then the reason is "%s"', (daysLeft, reason) => {
    expect(score({ ...nearLimit, company: { renewalDate: daysAgo(-daysLeft) } }).nextPlay).toMatchObject({ play: 'renewal', reason });
  });

  it('when the renewal is 121 days away or already passed, then it is not yet (or no longer) the play', () => {
    expect(score({ ...nearLimit, company: { renewalDate: daysAgo(-121) } }).nextPlay.play).toBe('expansion_conversation');
    expect(score({ ...nearLimit, company: { renewalDate: daysAgo(1) } }).nextPlay.play).toBe('expansion_conversation');
  });

  it('when the portal lists its checkpoints out of order, then they are still read from the furthest', () => {
    const config = { ...defaultScoringConfig, plays: { ...defaultScoringConfig.plays, renewalCheckpointDays: [60, 120, 90] } };
    expect(score({ ...nearLimit, company: { renewalDate: daysAgo(-100) } }, config).nextPlay.reason).toBe('renewal in 100 days, not signed: 120-day checkpoint');
  });

  it('when the renewal was won exactly 120 days ago, then it is signed; a win dated after now or 121 days ago is not', () => {
    const renewal = (days: number) => score({ ...nearLimit, deals: [deal('renewal', days)], company: { renewalDate: daysAgo(-30) } }).nextPlay.play;
    expect(renewal(120)).toBe('expansion_conversation');
    expect(renewal(121)).toBe('renewal');
    expect(renewal(-2)).toBe('renewal');
  });
});

describe('expansion and advocacy', () => {
  it('when exactly 90% of seats are in use, then a positive customer gets the expansion conversation', () => {
    const card = score({ ...thriving, usage: usageLine(70, 90) });
    expect(card.nextPlay).toMatchObject({ play: 'expansion_conversation', reason: 'positive and 90% of seats in use' });
    expect(score({ ...thriving, usage: usageLine(70, 89) }).nextPlay.play).not.toBe('expansion_conversation');
  });

  it('when the promoter answer is exactly 90 days old, then it still earns an advocacy ask; a passive never does', () => {
    expect(score({ ...thriving, feedback: [nps(10, 90)] }).nextPlay).toMatchObject({ play: 'advocacy_ask', reason: 'positive, promoter NPS; asks recorded: 0' });
    expect(score({ ...thriving, feedback: [nps(10, 91)] }).nextPlay.play).toBe('monitor');
    expect(score({ ...thriving, feedback: [nps(8, 5)] }).nextPlay.play).toBe('monitor');
  });

  it('when asks were recorded, then the reason counts only advocacy asks done with an outcome, before now', () => {
    const outcome = (play: string, status: PlayOutcome['status'], result: PlayOutcome['outcome'], days: number): PlayOutcome => ({ play, status, outcome: result, recordedAt: daysAgo(days) });
    const playOutcomes = [
      outcome('advocacy_ask', 'done', 'review', 200), outcome('advocacy_ask', 'done', 'declined', 100), outcome('advocacy_ask', 'skipped', null, 90),
      outcome('rescue', 'done', null, 80), outcome('advocacy_ask', 'done', null, 70), outcome('advocacy_ask', 'done', 'case_study', -1), outcome('advocacy_ask', 'done', 'review', 0),
    ];
    const card = score({ ...thriving, feedback: [nps(10, 5)], playOutcomes });
    expect(card.nextPlay.reason).toBe('positive, promoter NPS; asks recorded: 3');
    expect(card.nextPlay.steps).toEqual([...defaultScoringConfig.plays.steps.advocacy_ask.slice(0, 2), 'Ask for a case study']);
  });

  it('when the customer already spoke at an event, then the ask stays at the top rung of the ladder', () => {
    const playOutcomes: PlayOutcome[] = [{ play: 'advocacy_ask', status: 'done', outcome: 'speaking', recordedAt: daysAgo(30) }];
    expect(score({ ...thriving, feedback: [nps(10, 5)], playOutcomes }).nextPlay.steps.at(-1)).toBe('Ask to be a reference or speak at an event');
  });
});

describe('what the reason says', () => {
  it('when a customer has gone dark, then the reason gives the days of silence', () => {
    expect(score({ engagements: [inboundEmail(50)] }).nextPlay.reason).toBe('gone dark: no two-way touch in 50 days');
  });

  it('when a churned customer is scored, then the reason says there is nothing to run', () => {
    expect(score({ company: { churnedAt: daysAgo(20), churnReason: 'budget' } }).nextPlay).toMatchObject({ play: 'monitor', reason: 'churned: learn from it, no play to run' });
  });

  it('when a bad fit is healthy but heading negative, then it is off-boarded rather than reviewed', () => {
    const badFit = { industry: 'FARMING', numberofemployees: '200', country: 'Germany' };
    const card = score({ company: { properties: badFit }, engagements: [inboundEmail(2), inboundEmail(9), meeting(15)], usage: usageLine(80, 30), feedback: [nps(3, 5)] });
    expect(card.vector.value).toBe('negative');
    expect(card.nextPlay.play).toBe('off_board');
  });
});
