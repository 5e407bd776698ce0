import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, deal, inboundEmail, meeting, nps, usageLine } from './support/snapshot.ts';

// The whole evidence list and the contact a play names (docs/scoring.md, plays): in order, nothing extra, since the
// CSM reads it top down.
type Contact = CompanySnapshot['contacts'][number];
type Ticket = CompanySnapshot['tickets'][number];
const person = (id: string, name: string, jobTitle: string | null, roles: string[], touchedDaysAgo: number | null, leftCompany = false): Contact => ({
  id, name, jobTitle, email: `${id}@acme.example`, buyingRoles: roles, leftCompany, createdAt: daysAgo(600), updatedAt: daysAgo(leftCompany ? 20 : 300),
  lastContactedAt: touchedDaysAgo === null ? null : daysAgo(touchedDaysAgo),
});
const openTicket = (id: string, priority: Ticket['priority'], openedDaysAgo: number, subject: string | null): Ticket =>
  ({ id, priority, subject, createdAt: daysAgo(openedDaysAgo), closedAt: null });
const score = (overrides: Parameters<typeof aSnapshot>[0]) => scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW);
const falling = { engagements: [inboundEmail(10)], usage: usageLine(60, 20) };

describe('evidence behind a rescue', () => {
  it('when several tickets are open, then the three most pressing lead, urgent before high before the rest, the oldest first within a priority', () => {
    const tickets = [
      openTicket('t-low', 'LOW', 2, 'Typo on invoice'), openTicket('t-new', 'URGENT', 5, 'Export fails'), openTicket('t-high', 'HIGH', 3, 'SSO loops'),
      openTicket('t-old', 'URGENT', 20, null),
    ];
    const card = score({ ...falling, tickets });
    expect(card.nextPlay.play).toBe('rescue');
    expect(card.nextPlay.evidence).toEqual([
      'Open ticket "#t-old" (urgent, opened 20 days ago)',
      'Open ticket "Export fails" (urgent, opened 5 days ago)',
      'Open ticket "SSO loops" (high, opened 3 days ago)',
      '20 of 100 seats active (20%), 80 seats idle',
      expect.stringMatching(/^Next milestone: /),
    ]);
  });

  it('when a ticket has no priority, then it ranks with the low ones and says so', () => {
    const tickets = [openTicket('t-a', null, 9, 'Question'), openTicket('t-b', 'LOW', 2, 'Newer question'), openTicket('t-c', 'MEDIUM', 1, 'Report slow')];
    const card = score({ ...falling, tickets });
    expect(card.nextPlay.play).toBe('rescue');
    expect(card.nextPlay.evidence.slice(0, 3)).toEqual([
      'Open ticket "Report slow" (medium, opened 1 day ago)', 'Open ticket "Question" (no priority, opened 9 days ago)', 'Open ticket "Newer question" (low, opened 2 days ago)',
    ]);
  });

  it('when the customer has active users but no seat count, then the evidence counts the users', () => {
    const card = score({ ...falling, company: { seats: null, activeUsers30d: 1 }, usage: [], tickets: ['1', '2', '3'].map((n) => openTicket(n, 'URGENT', 1, `Down ${n}`)) });
    expect(card.nextPlay.play).toBe('rescue');
    expect(card.nextPlay.evidence).toContain('1 active user');
  });
});

describe('evidence behind other plays', () => {
  it('when a customer has gone dark, then the evidence leads with the silence and the usage, and names the champion', () => {
    const card = score({ engagements: [inboundEmail(50)], company: { activeUsers30d: null }, contacts: [person('c', 'Sam Ortiz', 'Ops', ['CHAMPION'], 45)] });
    expect(card.nextPlay.play).toBe('re_engage');
    expect(card.nextPlay.evidence).toEqual(['Last two-way contact 50 days ago']);
    expect(card.nextPlay.who).toMatchObject({ name: 'Sam Ortiz', role: 'champion', lastTouch: daysAgo(45).slice(0, 10) });
  });

  it('when a neutral customer is behind on a milestone, then the evidence names it with its state and due date, then usage', () => {
    const card = score({ company: { contractStartDate: daysAgo(30) }, engagements: [inboundEmail(3)], usage: usageLine(2, 2, 30) });
    expect(card.nextPlay.play).toBe('drive_adoption');
    const next = card.milestones.find((m) => m.key === card.currentMilestone)!;
    expect(card.nextPlay.evidence[0]).toBe(`Next milestone: ${next.label} (${next.state === 'on_track' ? 'on track' : next.state}, expected by ${next.expectedBy})`);
    expect(card.nextPlay.evidence[1]).toBe('2 of 100 seats active (2%), 98 seats idle');
    expect(card.nextPlay.reason).toBe(`neutral: next milestone is ${next.label.toLowerCase()}`);
  });

  it('when a bad fit is off-boarded, then the evidence lists only the bad-fit rules that matched, then the renewal ahead', () => {
    const card = score({ company: { properties: { industry: 'RESTAURANTS', numberofemployees: '3', country: 'Brazil' }, renewalDate: daysAgo(-30) }, engagements: [inboundEmail(50)], usage: usageLine(60, 10) });
    expect(card.nextPlay.play).toBe('off_board');
    expect(card.nextPlay.evidence).toEqual([
      'Bad-fit rule matched: Industry is Government Administration, Restaurants, Farming, Religious Institutions or Individual & Family Services',
      `Renewal on ${daysAgo(-30).slice(0, 10)} (in 30 days), not signed`,
    ]);
  });

  it('when the renewal date has passed, then the evidence does not announce it as ahead', () => {
    const card = score({ company: { properties: { industry: 'RESTAURANTS', numberofemployees: '40', country: 'Germany' }, renewalDate: daysAgo(5) }, engagements: [inboundEmail(50)] });
    expect(card.nextPlay.evidence.some((line) => line.startsWith('Renewal on'))).toBe(false);
  });

  it('when a healthy bad fit is up for review, then the evidence shows the rule and the usage that argue against it', () => {
    const card = score({
      company: { properties: { industry: 'FARMING', numberofemployees: '200', country: 'Germany' } },
      engagements: [inboundEmail(2), inboundEmail(9), meeting(15), inboundEmail(20)], usage: usageLine(60, 80), feedback: [nps(10, 5)], deals: [deal('expansion', 30)],
      contacts: [person('a', 'Ana Ruiz', 'COO', [], 3), person('b', 'Bo Chen', 'Analyst', [], 1)],
    });
    expect(card.nextPlay.play).toBe('review_fit');
    expect(card.nextPlay.evidence).toEqual([
      'Bad-fit rule matched: Industry is Government Administration, Restaurants, Farming, Religious Institutions or Individual & Family Services',
      '80 of 100 seats active (80%), 20 seats idle',
    ]);
  });
});

describe('whom a play goes through', () => {
  const rescue = { ...falling, tickets: ['1', '2', '3'].map((n) => openTicket(n, 'URGENT', 1, `Down ${n}`)) };

  it.each(['DECISION_MAKER', 'BUDGET_HOLDER', 'EXECUTIVE_SPONSOR'])('when a contact is tagged %s, then a rescue goes through them as the sponsor', (role) => {
    const card = score({ ...rescue, contacts: [person('a', 'Ana Ruiz', 'COO', [], 1), person('b', 'Bo Chen', 'Finance', [role], 30)] });
    expect(card.nextPlay.who).toMatchObject({ name: 'Bo Chen', role: 'executive sponsor', email: 'b@acme.example' });
  });

  it('when the sponsor has left the company, then the play never names them', () => {
    const card = score({ ...rescue, contacts: [person('a', 'Ana Ruiz', 'COO', ['EXECUTIVE_SPONSOR'], 1, true), person('b', 'Bo Chen', 'Analyst', [], 10)] });
    expect(card.nextPlay.who).toMatchObject({ name: 'Bo Chen', role: 'most engaged contact' });
  });

  it('when two contacts share a role, then the one contacted most recently leads; a contact date after now does not count', () => {
    const contacts = [person('a', 'Ana Ruiz', 'Ops', ['CHAMPION'], 20), person('b', 'Bo Chen', 'Ops', ['CHAMPION'], 5), person('c', 'Cy Diaz', 'Ops', ['CHAMPION'], -3)];
    const card = score({ engagements: [inboundEmail(50)], contacts });
    expect(card.nextPlay.who).toMatchObject({ name: 'Bo Chen', role: 'champion' });
  });

  it('when a champion was never contacted, then they are still the champion, with no last touch', () => {
    const card = score({ engagements: [inboundEmail(50)], contacts: [person('a', 'Ana Ruiz', 'Ops', ['CHAMPION'], null), person('b', 'Bo Chen', 'Analyst', [], 3)] });
    expect(card.nextPlay.who).toMatchObject({ name: 'Ana Ruiz', role: 'champion', lastTouch: null });
  });

  it('when nobody has a role and nobody was ever contacted, then a re-engagement names no one', () => {
    const card = score({ engagements: [inboundEmail(50)], contacts: [person('a', 'Ana Ruiz', 'Analyst', [], null)] });
    expect(card.nextPlay.who).toBeNull();
    expect(card.nextPlay.template?.body).toContain('Hi there,');
  });
});
