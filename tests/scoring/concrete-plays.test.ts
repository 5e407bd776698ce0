import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { scoringConfigSchema } from '../../src/scoring/config.schema.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, deal, inboundEmail, meeting, nps, usageLine } from './support/snapshot.ts';

type Contact = CompanySnapshot['contacts'][number];
const person = (id: string, name: string, jobTitle: string, roles: string[], lastTouchDaysAgo: number | null): Contact => ({
  id, name, jobTitle, email: `${id}@acme.example`, buyingRoles: roles, leftCompany: false, createdAt: daysAgo(600), updatedAt: daysAgo(300),
  lastContactedAt: lastTouchDaysAgo === null ? null : daysAgo(lastTouchDaysAgo),
});
const coo = person('p-coo', 'Dana Lee', 'COO', ['EXECUTIVE_SPONSOR'], 12);
const champion = person('p-champ', 'Sam Ortiz', 'Operations manager', ['CHAMPION'], 3);
const analyst = person('p-an', 'Kim Park', 'Analyst', [], 1);
const people = [coo, champion, analyst];

const score = (overrides: Parameters<typeof aSnapshot>[0], config = defaultScoringConfig) => scoreCompany(aSnapshot({ contacts: people, ...overrides }), config, NOW);
const thriving = { engagements: [inboundEmail(3), meeting(20)], deals: [deal('expansion', 60)], usage: usageLine(40, 60) };
const urgentExport = { id: 't-1', priority: 'URGENT' as const, subject: 'Export to CSV fails', createdAt: daysAgo(5), closedAt: null };

describe('each play names whom to talk to, with what evidence and which words', () => {
  it.each([
    ['rescue', { engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [urgentExport, { ...urgentExport, id: 't-2', subject: 'SSO login loops', priority: 'HIGH' as const }] },
      'Dana Lee', 'executive sponsor', ['Open ticket "Export to CSV fails" (urgent, opened 5 days ago)', 'Open ticket "SSO login loops" (high, opened 5 days ago)', '20 of 100 seats active (20%), 80 seats idle']],
    ['drive_adoption', { engagements: [inboundEmail(10), meeting(40)], usage: usageLine(45, 45), deals: [deal('renewal', 200)] },
      'Sam Ortiz', 'champion', ['45 of 100 seats active (45%), 55 seats idle']],
    ['re_engage', { engagements: [inboundEmail(50)] }, 'Sam Ortiz', 'champion', ['Last two-way contact 50 days ago']],
    ['expansion_conversation', { ...thriving, usage: usageLine(70, 95) }, 'Dana Lee', 'executive sponsor', ['95 of 100 seats active (95%), 5 seats idle']],
    ['advocacy_ask', { ...thriving, feedback: [nps(10, 5)] }, 'Sam Ortiz', 'champion', ['60 of 100 seats active (60%), 40 seats idle']],
    ['renewal', { ...thriving, company: { renewalDate: daysAgo(-80) } }, 'Dana Lee', 'executive sponsor', [`Renewal on ${daysAgo(-80).slice(0, 10)} (in 80 days), not signed`]],
    ['off_board', { company: { properties: { industry: 'RESTAURANTS', numberofemployees: '40', country: 'Germany' } }, engagements: [inboundEmail(2)] },
      'Dana Lee', 'executive sponsor', ['Bad-fit rule matched: Industry is Government Administration, Restaurants, Farming, Religious Institutions or Individual & Family Services']],
  ])('when the play is %s, then it names the contact and the evidence', (play, overrides, name, role, evidence) => {
    const card = score(overrides);
    expect(card.nextPlay.play).toBe(play);
    expect(card.nextPlay.who).toMatchObject({ name, role });
    expect(card.nextPlay.who?.lastTouch).toMatch(/^\d{4}-\d\d-\d\d$/);
    for (const line of evidence) expect(card.nextPlay.evidence).toContain(line);
    expect(card.nextPlay.template?.body).toContain(`Hi ${name.split(' ')[0]},`);
    expect(card.nextPlay.template?.body).not.toMatch(/\{\{/);
  });

  it('when nobody carries a buying role, then the sponsor is the executive by title and else the most recently contacted person', () => {
    const byTitle = score({ contacts: [person('a', 'Ana Ruiz', 'Chief Operating Officer', [], 40), person('b', 'Bo Chen', 'Analyst', [], 2)], engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [urgentExport] });
    expect(byTitle.nextPlay.who).toMatchObject({ name: 'Ana Ruiz', role: 'executive sponsor', jobTitle: 'Chief Operating Officer' });
    const noExecutive = score({ contacts: [person('a', 'Ana Ruiz', 'Analyst', [], 40), person('b', 'Bo Chen', 'Analyst', [], 2)], engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [urgentExport] });
    expect(noExecutive.nextPlay.who).toMatchObject({ name: 'Bo Chen', role: 'most engaged contact', lastTouch: daysAgo(2).slice(0, 10) });
  });

  it('when the segment has its own steps and template, then the play uses them', () => {
    const config = scoringConfigSchema.parse({
      ...defaultScoringConfig,
      plays: {
        ...defaultScoringConfig.plays,
        stepsBySegment: { rescue: { mid: ['Call {{contact}} today', 'Escalate the tickets'] } },
        templates: { ...defaultScoringConfig.plays.templates, rescue: { subject: 'x', body: 'y', bySegment: { mid: { subject: 'Fixing {{company}}', body: 'Dear {{contact}}' } } } },
      },
    });
    const card = score({ engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [urgentExport] }, config);
    expect(card.nextPlay.steps).toEqual(['Call {{contact}} today', 'Escalate the tickets']);
    expect(card.nextPlay.template).toEqual({ subject: 'Fixing Acme Analytics', body: 'Dear Dana' });
  });
});

describe('renewal before expansion, review fit before off-boarding', () => {
  const nearLimit = { ...thriving, usage: usageLine(70, 95) };
  it.each([
    [20, 'renewal', '60-day checkpoint'],
    [75, 'renewal', '90-day checkpoint'],
    [110, 'renewal', '120-day checkpoint'],
    [130, 'expansion_conversation', null],
  ])('when an unsigned renewal is %i days away and seats are nearly full, then the play is %s', (daysLeft, play, checkpoint) => {
    const card = score({ ...nearLimit, company: { renewalDate: daysAgo(-daysLeft) } });
    expect(card.nextPlay.play).toBe(play);
    if (checkpoint) expect(card.nextPlay.reason).toBe(`renewal in ${daysLeft} days, not signed: ${checkpoint}`);
  });

  it('when the renewal 20 days away is already signed, then expansion comes back', () => {
    const card = score({ ...nearLimit, deals: [deal('expansion', 60), deal('renewal', 10)], company: { renewalDate: daysAgo(-20) } });
    expect(card.nextPlay.play).toBe('expansion_conversation');
  });

  it('when a negative customer is 20 days from renewal, then rescue still comes first and names the renewal', () => {
    const card = score({ engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [urgentExport], company: { renewalDate: daysAgo(-20) } });
    expect(card.nextPlay.play).toBe('rescue');
  });

  const restaurant = { company: { properties: { industry: 'RESTAURANTS', numberofemployees: '40', country: 'Germany' } } };
  it('when a bad-fit customer is healthy, then the play is to review fit, not to off-board', () => {
    const card = score({ ...restaurant, ...thriving, feedback: [nps(9, 10)] });
    expect(card.cohort).toBe('bad_fit');
    expect(card.health.status).toBe('green');
    expect(card.nextPlay.play).toBe('review_fit');
    expect(card.nextPlay.reason).toBe('bad fit by the rules, yet healthy: review whether the fit rules still hold');
  });

  it('when a bad-fit customer is struggling, then the play is still a respectful off-boarding', () => {
    const card = score({ ...restaurant, engagements: [inboundEmail(40)], usage: usageLine(30, 10) });
    expect(card.nextPlay.play).toBe('off_board');
  });
});

describe('renewal play on a stock portal', () => {
  const nearLimit = { ...thriving, usage: usageLine(70, 95) };

  it('when the renewal 20 days away was signed as existing business at the contract value, then the renewal play stops', () => {
    const signedUp = { ...deal('newbusiness', 400), amount: 40_000 };
    const renewed = { ...deal('existingbusiness', 10), amount: 40_000 };
    const unsigned = score({ ...nearLimit, deals: [signedUp], company: { renewalDate: daysAgo(-20) } });
    const signed = score({ ...nearLimit, deals: [signedUp, renewed], company: { renewalDate: daysAgo(-20) } });
    expect(unsigned.nextPlay.play).toBe('renewal');
    expect(signed.nextPlay.play).not.toBe('renewal');
  });
});
