import { ticketSubjects } from './catalog.ts';
import { DAY, HISTORY_DAYS, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { iso, type RawRecord } from './raw.ts';
import type { HealthProfile } from './types.ts';

const YEAR = 365 * DAY;
const openStages = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];

interface DealSpec { ts: number; type: 'newbusiness' | 'renewal' | 'expansion'; amount: number; won: boolean | null; name: string }

const deal = (rng: Rng, spec: DealSpec, nowMs: number): RawRecord => {
  const closed = spec.won !== null;
  const createdMs = spec.ts - rng.int(10, 90) * DAY;
  return {
    type: 'deals', ts: spec.ts, contact: 'champion', createdMs, modifiedMs: closed ? spec.ts : Math.min(nowMs, createdMs + rng.int(1, 40) * DAY),
    props: {
      dealname: `${spec.name} ${new Date(spec.ts).getUTCFullYear()}`, amount: String(spec.amount), closedate: iso(spec.ts), pipeline: 'default',
      dealstage: spec.won === true ? 'closedwon' : spec.won === false ? 'closedlost' : rng.pick(openStages),
      hs_is_closed: String(closed), hs_is_closed_won: String(spec.won === true), dealtype: spec.type,
    },
  };
};

const roundHundreds = (value: number): number => Math.max(100, Math.round(value / 100) * 100);

/** Deal history: the first purchase, yearly renewals, expansions; the profile decides the recent ones. */
export const dealsFor = (plan: CompanyPlan, rng: Rng, nowMs: number, profile: HealthProfile | null): RawRecord[] => {
  if (plan.contractStartMs === null) {
    const roll = rng.next();
    if (roll > 0.8) return [];
    const ts = roll < 0.6 ? nowMs + rng.int(10, 120) * DAY : nowMs - rng.int(5, 200) * DAY;
    return [deal(rng, { ts, type: 'newbusiness', amount: roundHundreds(rng.int(5_000, 80_000)), won: roll < 0.6 ? null : false, name: 'New business' }, nowMs)];
  }
  const out: RawRecord[] = [];
  const start = plan.contractStartMs;
  const expansion = profile === 'thriving' ? roundHundreds(plan.arr * rng.float(0.1, 0.35)) : 0;
  out.push(deal(rng, { ts: start, type: 'newbusiness', amount: roundHundreds(plan.arr - expansion), won: true, name: 'New business' }, nowMs));
  for (let at = start + YEAR; at <= plan.anchorMs; at += YEAR) {
    if (at < nowMs - HISTORY_DAYS * DAY - YEAR) continue;
    out.push(deal(rng, { ts: at, type: 'renewal', amount: roundHundreds(plan.arr - expansion), won: true, name: 'Renewal' }, nowMs));
  }
  if (expansion > 0) {
    out.push(deal(rng, { ts: plan.anchorMs - rng.int(10, 110) * DAY, type: 'expansion', amount: expansion, won: true, name: 'Expansion' }, nowMs));
  }
  if (profile === 'stagnant' && rng.chance(0.3)) {
    out.push(deal(rng, { ts: plan.anchorMs - rng.int(20, 300) * DAY, type: 'expansion', amount: roundHundreds(plan.arr * 0.2), won: false, name: 'Expansion' }, nowMs));
  }
  if (plan.churn) {
    out.push(deal(rng, { ts: plan.churn.atMs, type: 'renewal', amount: roundHundreds(plan.arr), won: false, name: 'Renewal' }, nowMs));
  } else {
    const nextRenewal = nextAnniversary(start, nowMs);
    if (nextRenewal - nowMs < 120 * DAY) {
      out.push(deal(rng, { ts: nextRenewal, type: 'renewal', amount: roundHundreds(plan.arr), won: null, name: 'Renewal' }, nowMs));
    }
  }
  return out;
};

export const nextAnniversary = (startMs: number, nowMs: number): number => {
  let at = startMs + YEAR;
  while (at <= nowMs) at += YEAR;
  return at;
};

const ticket = (rng: Rng, createdMs: number, priority: string, closedMs: number | null): RawRecord => ({
  type: 'tickets', ts: createdMs, contact: 'champion', createdMs, modifiedMs: closedMs ?? createdMs + rng.int(1, 48) * 3_600_000,
  props: {
    subject: rng.pick(ticketSubjects), hs_pipeline: '0', hs_pipeline_stage: closedMs === null ? rng.pick(['1', '2', '3']) : '4',
    hs_ticket_priority: priority, createdate: iso(createdMs), closed_date: closedMs === null ? null : iso(closedMs),
  },
});

/** Support history; every ticket opens no later than the last two-way touch, since opening one is a touch. */
export const ticketsFor = (plan: CompanyPlan, rng: Rng, nowMs: number, profile: HealthProfile | null, lastTwoWayMs: number): RawRecord[] => {
  if (plan.contractStartMs === null || profile === null) return [];
  const out: RawRecord[] = [];
  const from = Math.max(plan.contractStartMs, nowMs - HISTORY_DAYS * DAY);
  const span = Math.max(0, lastTwoWayMs - from);
  const routine = { thriving: [0, 2], stagnant: [1, 4], declining: [1, 3], dark: [0, 3], onboarding: [0, 2] }[profile];
  const count = rng.int(routine[0] ?? 0, routine[1] ?? 0);
  for (let i = 0; i < count; i++) {
    const created = from + rng.float(0, 1) * span;
    const closed = created + rng.int(1, 10) * DAY;
    const priority = rng.weighted({ LOW: 4, MEDIUM: 4, HIGH: profile === 'thriving' ? 0 : 1 });
    out.push(ticket(rng, created, priority, closed < plan.anchorMs ? closed : null));
  }
  if (profile === 'declining') {
    const urgent = rng.int(2, 4);
    for (let i = 0; i < urgent; i++) {
      out.push(ticket(rng, lastTwoWayMs - rng.int(0, 40) * DAY - rng.int(0, DAY - 1), rng.pick(['HIGH', 'URGENT']), null));
    }
  }
  if ((profile === 'thriving' && rng.chance(0.3)) || (profile === 'stagnant' && rng.chance(0.2))) {
    out.push(ticket(rng, lastTwoWayMs - rng.int(0, 20) * DAY, profile === 'thriving' ? 'LOW' : 'MEDIUM', null));
  }
  return out;
};

const npsGroup = (score: number): string => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

const survey = (rng: Rng, ts: number, type: 'NPS' | 'CSAT', value: number): RawRecord => ({
  type: 'feedback_submissions', ts, contact: 'champion',
  props: {
    hs_survey_type: type, hs_value: String(value), hs_response_group: type === 'NPS' ? npsGroup(value) : null,
    hs_submission_timestamp: iso(ts), hs_content: rng.chance(0.4) ? rng.pick(['Great support', 'Reporting is clunky', 'Works as expected', 'Too expensive', 'Love the dashboards']) : null,
  },
});

const recentNps: Partial<Record<HealthProfile, { score: [number, number]; within: number }>> = {
  thriving: { score: [9, 10], within: 80 }, stagnant: { score: [7, 8], within: 100 }, declining: { score: [0, 6], within: 55 },
};

/** NPS every few months and CSAT after some tickets; the most recent NPS carries the profile's sentiment. */
export const feedbackFor = (plan: CompanyPlan, rng: Rng, profile: HealthProfile | null, lastTwoWayMs: number, tickets: readonly RawRecord[]): RawRecord[] => {
  if (profile === null || plan.contractStartMs === null) return [];
  const out: RawRecord[] = [];
  const pinned = recentNps[profile];
  const quiet = plan.lastTwoWayDaysAgo ?? 0;
  let latest = lastTwoWayMs;
  if (pinned) {
    latest = Math.min(lastTwoWayMs, plan.anchorMs - rng.int(quiet, Math.max(quiet, pinned.within)) * DAY);
    out.push(survey(rng, latest, 'NPS', rng.int(pinned.score[0], pinned.score[1])));
    latest -= 60 * DAY;
  }
  for (let ts = latest - rng.int(0, 60) * DAY; ts > plan.contractStartMs + 30 * DAY; ts -= rng.int(100, 200) * DAY) {
    if (rng.chance(0.6)) out.push(survey(rng, ts, 'NPS', rng.int(profile === 'declining' ? 3 : 5, 10)));
  }
  for (const t of tickets) {
    const closed = t.props.closed_date;
    const at = closed ? Date.parse(closed) + DAY : Number.NaN;
    if (at <= lastTwoWayMs && rng.chance(0.3)) out.push(survey(rng, at, 'CSAT', rng.int(profile === 'declining' ? 1 : 3, 5)));
  }
  return out;
};
