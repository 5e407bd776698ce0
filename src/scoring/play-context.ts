import type { Play, ScoringConfig } from './config.schema.ts';
import type { Facts } from './facts.ts';
import type { MilestoneSummary } from './milestones.ts';
import type { FitCriterionResult, PlayContact } from './score-card.schema.ts';
import type { CompanySnapshot, SnapshotContact } from './snapshot.schema.ts';
import { daysBetween, isoDay, percent, toMs } from './time.ts';
import { ago, counted, inDays } from './wording.ts';
import { own } from './own.ts';
import { memoBy } from './memo.ts';

/** What a play is about, beyond its name: whom to talk to, the evidence, and the words to start with. */
export type PlayContext = { who: PlayContact | null; evidence: string[]; template: { subject: string; body: string } | null };

export type ContextInput = {
  snapshot: CompanySnapshot;
  facts: Facts;
  milestones: MilestoneSummary;
  fitCriteria: FitCriterionResult[];
  renewalMs: number | null;
};

type Role = 'sponsor' | 'champion' | 'engaged';

const roleWords: Record<Role, string> = { sponsor: 'executive sponsor', champion: 'champion', engaged: 'most engaged contact' };

// Whom each play goes through first: the sponsor owns outcomes and money, the champion owns day-to-day adoption.
const rolesByPlay: Record<Play, Role[]> = {
  rescue: ['sponsor', 'champion', 'engaged'],
  renewal: ['sponsor', 'champion', 'engaged'],
  expansion_conversation: ['sponsor', 'champion', 'engaged'],
  off_board: ['sponsor', 'champion', 'engaged'],
  review_fit: ['sponsor', 'champion', 'engaged'],
  re_engage: ['champion', 'engaged', 'sponsor'],
  drive_adoption: ['champion', 'engaged', 'sponsor'],
  advocacy_ask: ['champion', 'sponsor', 'engaged'],
  monitor: ['champion', 'engaged', 'sponsor'],
};

const hasRole = (c: SnapshotContact, ...roles: string[]) => (c.buyingRoles ?? []).some((r) => roles.includes(r.toUpperCase()));

const lastTouchMs = (c: SnapshotContact, now: number): number | null => {
  const at = toMs(c.lastContactedAt);
  return at !== null && at <= now ? at : null;
};

type Touched = { contact: SnapshotContact; touched: number | null };

const byLastTouch = (a: Touched, b: Touched) => (b.touched ?? -Infinity) - (a.touched ?? -Infinity) || a.contact.id.localeCompare(b.contact.id);

const candidates = (role: Role, sorted: Touched[], facts: Facts): Touched[] => {
  switch (role) {
    case 'sponsor': {
      const tagged = sorted.filter((c) => hasRole(c.contact, 'EXECUTIVE_SPONSOR', 'DECISION_MAKER', 'BUDGET_HOLDER'));
      const executives = new Set(facts.executives.map((c) => c.id));
      return tagged.length > 0 ? tagged : sorted.filter((c) => executives.has(c.contact.id));
    }
    case 'champion': return sorted.filter((c) => hasRole(c.contact, 'CHAMPION'));
    case 'engaged': return sorted.filter((c) => c.touched !== null);
  }
};

export const pickContact = (play: Play, snapshot: CompanySnapshot, facts: Facts): PlayContact | null => {
  // Every role ranks its candidates by their last touch: each contact's is read once and the contacts sorted once.
  const sorted = snapshot.contacts.filter((c) => !c.leftCompany)
    .map((contact): Touched => ({ contact, touched: lastTouchMs(contact, facts.now) }))
    .sort(byLastTouch);
  for (const role of rolesByPlay[play]) {
    const found = candidates(role, sorted, facts)[0];
    if (found === undefined) continue;
    const { contact, touched } = found;
    return {
      contactId: contact.id, name: contact.name ?? null, role: roleWords[role], jobTitle: contact.jobTitle, email: contact.email ?? null,
      lastTouch: touched === null ? null : isoDay(touched),
    };
  }
  return null;
};

const ticketEvidence = (facts: Facts): string[] => {
  const rank = { URGENT: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
  return [...facts.openTickets]
    .sort((a, b) => rank[a.item.priority ?? 'LOW'] - rank[b.item.priority ?? 'LOW'] || a.at - b.at)
    .slice(0, 3)
    .map(({ at, item: t }) => `Open ticket "${t.subject ?? `#${t.id}`}" (${(t.priority ?? 'no priority').toLowerCase()}, opened ${ago(daysBetween(at, facts.now))})`);
};

const usageEvidence = (snapshot: CompanySnapshot, facts: Facts): string[] => {
  const seats = snapshot.company.seats;
  if (facts.currentActiveUsers === null) return [];
  if (!seats) return [`${counted(facts.currentActiveUsers, 'active user', 'active users')}`];
  const idle = Math.max(0, seats - facts.currentActiveUsers);
  return [`${facts.currentActiveUsers} of ${seats} seats active (${percent(facts.currentActiveUsers / seats)}), ${counted(idle, 'seat', 'seats')} idle`];
};

const milestoneEvidence = (milestones: MilestoneSummary): string[] => {
  const next = milestones.milestones.find((m) => m.key === milestones.current);
  if (!next) return [];
  const state = next.state === 'on_track' ? 'on track' : next.state;
  return [`Next milestone: ${next.label} (${state}${next.expectedBy ? `, expected by ${next.expectedBy}` : ''})`];
};

const renewalEvidence = (input: ContextInput): string[] =>
  input.renewalMs === null || input.renewalMs < input.facts.now ? []
    : [`Renewal on ${isoDay(input.renewalMs)} (${inDays(daysBetween(input.facts.now, input.renewalMs))}), not signed`];

const fitEvidence = (criteria: FitCriterionResult[]): string[] =>
  criteria.filter((c) => c.rule === 'bad' && c.passed).map((c) => `Bad-fit rule matched: ${c.description}`);

const silenceEvidence = (facts: Facts): string[] =>
  facts.daysSinceTwoWay === null ? ['No two-way contact on record'] : [`Last two-way contact ${ago(facts.daysSinceTwoWay)}`];

// A table of the plays' evidence, built once rather than once per card.
const evidenceLists: Record<Play, (input: ContextInput) => string[]> = {
  rescue: ({ snapshot, facts, milestones }) => [...ticketEvidence(facts), ...usageEvidence(snapshot, facts), ...milestoneEvidence(milestones)],
  renewal: (input) => [...renewalEvidence(input), ...ticketEvidence(input.facts), ...usageEvidence(input.snapshot, input.facts)],
  drive_adoption: ({ snapshot, facts, milestones }) => [...milestoneEvidence(milestones), ...usageEvidence(snapshot, facts), ...ticketEvidence(facts)],
  expansion_conversation: (input) => [...usageEvidence(input.snapshot, input.facts), ...renewalEvidence(input)],
  re_engage: ({ snapshot, facts }) => [...silenceEvidence(facts), ...usageEvidence(snapshot, facts), ...ticketEvidence(facts)],
  advocacy_ask: ({ snapshot, facts }) => [...usageEvidence(snapshot, facts)],
  off_board: (input) => [...fitEvidence(input.fitCriteria), ...renewalEvidence(input), ...ticketEvidence(input.facts)],
  review_fit: (input) => [...fitEvidence(input.fitCriteria), ...usageEvidence(input.snapshot, input.facts)],
  monitor: ({ snapshot, facts }) => [...usageEvidence(snapshot, facts), ...ticketEvidence(facts)],
};

export const evidenceFor = (play: Play, input: ContextInput): string[] => evidenceLists[play](input).slice(0, 8);

// A template split once at its placeholders ({{ contact }}), as literal, placeholder, key, literal...: a portal's few
// template texts open every one of its cards.
const templateParts = memoBy((text: string): string[] => text.split(/(\{\{\s*(\w+)\s*\}\})/), 1_000);

/** Each placeholder replaced by its value; one without a value stays as written. */
const fill = (text: string, values: Record<string, string>): string => {
  const parts = templateParts(text);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) out += (values[parts[i + 1]!] ?? parts[i]!) + parts[i + 2]!;
  return out;
};

export const templateFor = (play: Play, input: ContextInput, who: PlayContact | null, config: ScoringConfig) => {
  const configured = config.plays.templates[play];
  if (configured === undefined) return null;
  const chosen = own(configured.bySegment ?? {}, input.facts.segment) ?? configured;
  const next = input.milestones.milestones.find((m) => m.key === input.milestones.current);
  const values = {
    contact: who?.name?.split(' ')[0] ?? 'there',
    company: input.snapshot.company.name ?? 'your team',
    milestone: next?.label.toLowerCase() ?? 'the next milestone',
    renewalDate: input.renewalMs === null ? 'your renewal date' : isoDay(input.renewalMs),
  };
  return { subject: fill(chosen.subject, values), body: fill(chosen.body, values) };
};

export const stepsFor = (play: Play, segment: string, config: ScoringConfig): string[] =>
  (own(config.plays.stepsBySegment[play] ?? {}, segment) ?? config.plays.steps[play]).slice(0, 3);
