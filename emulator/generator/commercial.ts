import { closedLostReasons, ticketSubjects } from './catalog.ts';
import { DAY, HISTORY_DAYS, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { iso, type RawRecord } from './raw.ts';
import type { Trajectory } from './types.ts';

const YEAR = 365 * DAY;
const openStages = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];

type DealKind = 'newbusiness' | 'renewal' | 'expansion' | 'contraction';
interface DealSpec { ts: number; kind: DealKind; amount: number; won: boolean | null; name: string }

/**
 * The deal type as the portal stores it: the rich profile has its own renewal/expansion/contraction options; a stock
 * portal has only HubSpot's newbusiness and existingbusiness, and one deal in ten is left without a type.
 */
const dealType = (plan: CompanyPlan, kind: DealKind, rng: Rng): string | null => {
  if (plan.profileOfPortal === 'rich') return kind;
  if (rng.chance(0.1)) return null;
  return kind === 'newbusiness' ? 'newbusiness' : 'existingbusiness';
};

const deal = (plan: CompanyPlan, rng: Rng, spec: DealSpec, nowMs: number, lostReason: string | null = null): RawRecord => {
  const closed = spec.won !== null;
  const createdMs = spec.ts - rng.int(10, 90) * DAY;
  return {
    type: 'deals', ts: spec.ts, contact: 'champion', createdMs, modifiedMs: closed ? spec.ts : Math.min(nowMs, createdMs + rng.int(1, 40) * DAY),
    props: {
      dealname: `${spec.name} ${new Date(spec.ts).getUTCFullYear()}`, amount: String(spec.amount), closedate: iso(spec.ts), pipeline: 'default',
      dealstage: spec.won === true ? 'closedwon' : spec.won === false ? 'closedlost' : rng.pick(openStages),
      hs_is_closed: String(closed), hs_is_closed_won: String(spec.won === true), dealtype: dealType(plan, spec.kind, rng),
      ...(spec.won === false ? { closed_lost_reason: lostReason } : {}),
    },
  };
};

const roundHundreds = (value: number): number => Math.max(100, Math.round(value / 100) * 100);
const growthOf = (t: Trajectory): number => (t.valueBefore > 0 ? t.value / t.valueBefore : 1);

/**
 * Deal history: the first purchase, yearly renewals, and expansions or contractions drawn from the trajectory: a
 * customer realising more value tends to buy more, one losing it tends to cut seats, with exceptions both ways.
 */
export const dealsFor = (plan: CompanyPlan, rng: Rng, nowMs: number): RawRecord[] => {
  const t = plan.trajectory;
  if (plan.contractStartMs === null || t === null) {
    const roll = rng.next();
    if (roll > 0.8) return [];
    const ts = roll < 0.6 ? nowMs + rng.int(10, 120) * DAY : nowMs - rng.int(5, 200) * DAY;
    return [deal(plan, rng, { ts, kind: 'newbusiness', amount: roundHundreds(rng.int(5_000, 80_000)), won: roll < 0.6 ? null : false, name: 'New business' }, nowMs, rng.pick(closedLostReasons.prospect))];
  }
  const out: RawRecord[] = [];
  const start = plan.contractStartMs;
  const growth = growthOf(t);
  const expands = plan.profile !== 'onboarding' && rng.chance(t.value >= 0.5 && growth >= 1.1 ? 0.7 : 0.05);
  const contracts = !expands && plan.profile !== 'onboarding' && rng.chance(growth < 0.8 ? 0.3 : 0.03);
  const expansion = expands ? roundHundreds(plan.arr * rng.float(0.1, 0.35)) : 0;
  const base = roundHundreds(plan.arr - expansion);
  out.push(deal(plan, rng, { ts: start, kind: 'newbusiness', amount: base, won: true, name: 'New business' }, nowMs));
  for (let at = start + YEAR; at <= plan.anchorMs; at += YEAR) {
    if (at < nowMs - HISTORY_DAYS * DAY - YEAR) continue;
    out.push(deal(plan, rng, { ts: at, kind: 'renewal', amount: base, won: true, name: 'Renewal' }, nowMs));
  }
  if (expands) {
    out.push(deal(plan, rng, { ts: plan.anchorMs - rng.int(10, 150) * DAY, kind: 'expansion', amount: expansion, won: true, name: 'Expansion' }, nowMs));
  }
  if (contracts) {
    out.push(deal(plan, rng, { ts: plan.anchorMs - rng.int(10, 200) * DAY, kind: 'contraction', amount: roundHundreds(plan.arr * rng.float(0.5, 0.8)), won: true, name: 'Downgrade' }, nowMs));
  }
  if (plan.profile === 'stagnant' && rng.chance(0.3)) {
    out.push(deal(plan, rng, { ts: plan.anchorMs - rng.int(20, 300) * DAY, kind: 'expansion', amount: roundHundreds(plan.arr * 0.2), won: false, name: 'Expansion' }, nowMs, rng.pick(closedLostReasons.expansion)));
  }
  if (plan.churn) {
    out.push(deal(plan, rng, { ts: plan.churn.atMs, kind: 'renewal', amount: roundHundreds(plan.arr), won: false, name: 'Renewal' }, nowMs, rng.pick(closedLostReasons[plan.churn.reason])));
  } else {
    const nextRenewal = nextAnniversary(start, nowMs);
    if (nextRenewal - nowMs < 120 * DAY) {
      out.push(deal(plan, rng, { ts: nextRenewal, kind: 'renewal', amount: roundHundreds(plan.arr), won: null, name: 'Renewal' }, nowMs));
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

/**
 * Support history; every ticket opens no later than the last two-way touch, since opening one is a touch. Routine
 * tickets come to everyone; urgent open ones pile up as value falls, and a support crisis brings them to anyone.
 */
export const ticketsFor = (plan: CompanyPlan, rng: Rng, nowMs: number, lastTwoWayMs: number): RawRecord[] => {
  const t = plan.trajectory;
  if (plan.contractStartMs === null || t === null) return [];
  const out: RawRecord[] = [];
  const from = Math.max(plan.contractStartMs, nowMs - HISTORY_DAYS * DAY);
  const span = Math.max(0, lastTwoWayMs - from);
  const count = span > 0 ? rng.int(0, 2 + Math.round((1 - t.value) * 2)) : 0;
  for (let i = 0; i < count; i++) {
    const created = from + rng.float(0, 1) * span;
    const closed = created + rng.int(1, 10) * DAY;
    const priority = rng.weighted({ LOW: 4, MEDIUM: 4, HIGH: t.value > 0.6 ? 0.3 : 1 });
    out.push(ticket(rng, created, priority, closed < plan.anchorMs ? closed : null));
  }
  const falling = Math.max(0, 0.9 - growthOf(t));
  const urgent = t.supportCrisis ? rng.int(2, 4) : rng.chance(falling) ? rng.int(1, 2) : 0;
  for (let i = 0; i < urgent; i++) {
    out.push(ticket(rng, lastTwoWayMs - rng.int(0, 40) * DAY - rng.int(0, DAY - 1), rng.pick(['HIGH', 'URGENT']), null));
  }
  if (rng.chance(0.25)) out.push(ticket(rng, lastTwoWayMs - rng.int(0, 20) * DAY, rng.pick(['LOW', 'MEDIUM']), null));
  return out;
};

const npsGroup = (score: number): string => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

const survey = (plan: CompanyPlan, rng: Rng, ts: number, type: 'NPS' | 'CSAT', value: number): RawRecord => ({
  type: 'feedback_submissions', ts, contact: 'champion', ...(plan.profileOfPortal === 'stock' ? { contactOnly: true as const } : {}),
  props: {
    hs_survey_type: type, hs_value: String(value), hs_response_group: type === 'NPS' ? npsGroup(value) : null,
    hs_submission_timestamp: iso(ts), hs_content: rng.chance(0.4) ? rng.pick(['Great support', 'Reporting is clunky', 'Works as expected', 'Too expensive', 'Love the dashboards']) : null,
  },
});

const clampScore = (value: number, max: number): number => Math.min(max, Math.max(0, Math.round(value)));

/**
 * NPS every few months and CSAT after some tickets. An answer reflects the value realised at the time, with noise,
 * and one in fifteen says the opposite of what the customer does.
 */
export const feedbackFor = (plan: CompanyPlan, rng: Rng, lastTwoWayMs: number, tickets: readonly RawRecord[]): RawRecord[] => {
  const t = plan.trajectory;
  if (t === null || plan.contractStartMs === null || plan.profile === 'onboarding') return [];
  const out: RawRecord[] = [];
  const nps = (value: number) => (rng.chance(1 / 15) ? rng.int(0, 10) : clampScore(1.5 + value * 9 + rng.float(-1.5, 1.5), 10));
  if (plan.profile !== 'dark' && rng.chance(0.35 + 0.5 * t.responsiveness)) {
    const latest = Math.min(lastTwoWayMs, plan.anchorMs - rng.int(t.silentDays, Math.max(t.silentDays, 120)) * DAY);
    out.push(survey(plan, rng, latest, 'NPS', nps(t.value)));
  }
  for (let ts = lastTwoWayMs - rng.int(100, 160) * DAY; ts > plan.contractStartMs + 30 * DAY; ts -= rng.int(100, 200) * DAY) {
    if (rng.chance(0.5)) out.push(survey(plan, rng, ts, 'NPS', nps(t.valueBefore)));
  }
  for (const r of tickets) {
    const closed = r.props.closed_date;
    const at = closed ? Date.parse(closed) + DAY : Number.NaN;
    if (at <= lastTwoWayMs && rng.chance(0.3)) out.push(survey(plan, rng, at, 'CSAT', clampScore(1 + t.value * 4 + rng.float(-1, 1), 5)));
  }
  return out;
};
