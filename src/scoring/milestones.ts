import type { MilestoneCondition, ScoringConfig } from './config.schema.ts';
import { classifyDeals } from './deal-kinds.ts';
import { isMeetingHeld, type Facts } from './facts.ts';
import type { MilestoneResult, MilestoneState } from './score-card.schema.ts';
import type { CompanyMilestone, CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS, daysBetween, isoDay, isoTime, isoTimeMs, toMs } from './time.ts';
import { compilePattern } from './pattern.ts';
import { own } from './own.ts';
import { cardLimits } from './card-limits.ts';
import { firstAt, noUsage } from './usage-series.ts';

export type MilestoneSummary = {
  milestones: MilestoneResult[];
  progress: number;
  current: string | null;
  timeToFirstValueDays: number | null;
  /** The milestone completed most recently within the "just reached" window, if any. */
  justReached: MilestoneResult | null;
};

const earliest = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? Math.min(...present) : null;
};

const evidence = (condition: MilestoneCondition, snapshot: CompanySnapshot, facts: Facts, config: ScoringConfig): number | null => {
  switch (condition.type) {
    case 'meeting': {
      const title = compilePattern(condition.titlePattern);
      return facts.engagements.find((e) => isMeetingHeld(e.item, config) && title.test(e.item.title ?? ''))?.at ?? null;
    }
    case 'usage':
      // Oldest first, so the first point at the threshold is the earliest.
      return firstAt(facts.usage.get(condition.metric) ?? noUsage, (value) => value >= condition.atLeast);
    case 'depth': {
      const seats = snapshot.company.seats;
      const inSeries = seats ? firstAt(facts.activeUsers, (value) => value / seats >= condition.atLeast) : null;
      // Without a usage series the depth the usage component shows comes from the active-users property; the
      // milestone must agree with it ("82% of seats active" next to "half of the seats active: stuck" is wrong).
      return inSeries ?? (facts.depth !== null && facts.depth >= condition.atLeast ? facts.now : null);
    }
    case 'executive_contact':
      return earliest(facts.executives.map((c) => Math.min(toMs(c.createdAt) ?? facts.startMs ?? facts.now, facts.now)));
    case 'deal_won':
      // Listed types match the deal's recognised kind (renewal, expansion...) or its raw type value.
      return earliest(classifyDeals(snapshot.deals, config).map((d) => (d.isClosedWon && (condition.dealTypes.includes(d.kind)
        || condition.dealTypes.includes(d.dealType ?? '')) && d.at !== null && d.at <= facts.now ? d.at : null)));
    case 'property_set': {
      // Only the current value is synced, so the milestone is seen done from this scoring on; previous cards keep
      // the day it was first seen once the property changes again.
      const value = own(snapshot.company.properties, condition.property)?.trim() ?? '';
      const holds = condition.equals === null ? value !== '' : value.toLowerCase() === condition.equals.trim().toLowerCase();
      return holds ? facts.now : null;
    }
    case 'manual':
      return null;
  }
};

/**
 * A moment an earlier card showed; `text`, the card's own words for it when they are how this card writes it;
 * `written`, the card's words as they were.
 */
type Shown = { at: number; text: string | null; written: string };

/** The earliest day an earlier card showed each milestone done: once reached, a milestone stays reached. */
const doneBefore = (snapshot: CompanySnapshot, now: number): Map<string, Shown> => {
  const done = new Map<string, Shown>();
  for (const card of snapshot.previousCards) {
    for (const m of card.milestonesDone ?? []) {
      const shown = done.get(m.key);
      // Every card since a milestone was reached writes the same day for it: read once, not once per card.
      if (shown !== undefined && shown.written === m.doneAt) continue;
      const canonical = isoTimeMs(m.doneAt);
      const at = canonical ?? toMs(m.doneAt);
      if (at !== null && at <= now && at < (shown?.at ?? Infinity)) done.set(m.key, { at, text: canonical === undefined ? null : m.doneAt, written: m.doneAt });
    }
  }
  return done;
};

// A milestone done weeks ago is written on every card from then on: the earlier card's text is taken as it is
// rather than the moment written out again.
const doneText = (doneMs: number, earlier: Shown | null): string =>
  earlier !== null && earlier.text !== null && earlier.at === doneMs ? earlier.text : isoTime(doneMs);

/** dueMs: a customer's own milestone is due on the date agreed, not days after the contract start. */
type PlannedMilestone = ScoringConfig['milestones']['items'][number] & { scope: 'portal' | 'company'; dueMs: number | null };

// The portal's plan is the same for every company scored with a config: marked up once per config, not per score.
const portalPlans = new WeakMap<ScoringConfig['milestones']['items'], { all: PlannedMilestone[]; shown: readonly PlannedMilestone[] }>();
const portalPlan = (config: ScoringConfig) => {
  const { items } = config.milestones;
  const known = portalPlans.get(items);
  if (known !== undefined) return known;
  const all = items.map((item): PlannedMilestone => ({ ...item, scope: 'portal', dueMs: null }));
  const plan = { all, shown: all.slice(0, cardLimits.milestones) };
  portalPlans.set(items, plan);
  return plan;
};

/**
 * The portal's plan, then the milestones defined for this customer (customer milestones, marked by hand), in due
 * order after the plan's; a customer's key the plan already has is the plan's. Capped at what the card shows.
 */
export const plannedMilestones = (companyMilestones: readonly CompanyMilestone[] | undefined, config: ScoringConfig): readonly PlannedMilestone[] => {
  const portal = portalPlan(config);
  if (companyMilestones === undefined || companyMilestones.length === 0) return portal.shown;
  const taken = new Set(portal.all.map((item) => item.key));
  const forCustomer = companyMilestones.filter((m) => !taken.has(m.key)).map((m): PlannedMilestone => ({
    key: m.key, label: m.label, kind: 'customer', expectedDays: 0, condition: { type: 'manual' }, firstValue: false, scope: 'company', dueMs: toMs(m.dueDate),
  }));
  return [...portal.all, ...forCustomer].slice(0, cardLimits.milestones);
};

export const scoreMilestones = (snapshot: CompanySnapshot, facts: Facts, config: ScoringConfig): MilestoneSummary => {
  const { stuckAfterOverdueDays, justReachedDays } = config.milestones;
  const items = plannedMilestones(snapshot.companyMilestones, config);
  const overrides = new Map(snapshot.milestoneOverrides.map((o) => [o.key, toMs(o.doneAt)]));
  const reached = doneBefore(snapshot, facts.now);
  // Past onboarding, a milestone due within onboarding that never showed up is history, not the next step.
  const pastOnboarding = facts.stage === 'established';
  let timeToFirstValueDays: number | null = null;
  let justReached: { at: number; result: MilestoneResult } | null = null;
  const milestones = items.map((item): MilestoneResult => {
    const override = overrides.get(item.key);
    const found = override !== undefined && override !== null && override <= facts.now ? override : evidence(item.condition, snapshot, facts, config);
    const earlier = reached.get(item.key) ?? null;
    const doneMs = found === null ? earlier?.at ?? null : earlier === null ? found : Math.min(found, earlier.at);
    const expectedMs = item.scope === 'company' ? item.dueMs : facts.startMs === null ? null : facts.startMs + item.expectedDays * DAY_MS;
    let state: MilestoneState = 'on_track';
    if (doneMs !== null) state = 'done';
    else if (item.scope === 'portal' && pastOnboarding && item.expectedDays <= config.lifecycle.onboardingDays) state = 'skipped';
    else if (expectedMs !== null && facts.now > expectedMs) {
      state = facts.now - expectedMs > stuckAfterOverdueDays * DAY_MS ? 'stuck' : 'behind';
    }
    const result: MilestoneResult = {
      key: item.key, label: item.label, kind: item.kind, state, scope: item.scope,
      expectedBy: expectedMs === null ? null : isoDay(expectedMs),
      doneAt: doneMs === null ? null : doneText(doneMs, earlier),
    };
    if (item.firstValue && doneMs !== null && facts.startMs !== null) timeToFirstValueDays = Math.max(0, daysBetween(facts.startMs, doneMs));
    if (doneMs !== null && facts.now - doneMs <= justReachedDays * DAY_MS && (justReached === null || doneMs > justReached.at)) {
      justReached = { at: doneMs, result };
    }
    return result;
  });
  const done = milestones.filter((m) => m.state === 'done').length;
  const counted = milestones.filter((m) => m.state !== 'skipped').length;
  return {
    milestones,
    progress: counted === 0 ? 100 : Math.round((done / counted) * 100),
    current: milestones.find((m) => m.state !== 'done' && m.state !== 'skipped')?.key ?? null,
    timeToFirstValueDays,
    justReached: (justReached as { at: number; result: MilestoneResult } | null)?.result ?? null,
  };
};
