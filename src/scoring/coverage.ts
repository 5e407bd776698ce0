import { z } from 'zod';
import type { ComponentKey, ScoringConfig } from './config.schema.ts';
import { componentKeys } from './config.schema.ts';
import { isMeetingHeld } from './facts.ts';
import { noDeclineSign } from './health/decline.ts';
import type { ScoreCard } from './score-card.schema.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS, toMs } from './time.ts';

export const coverageInputs = ['arr', 'renewalDate', 'seats', 'usage', 'meetings90d', 'surveys', 'tickets', 'owner'] as const;
export type CoverageInput = (typeof coverageInputs)[number];

export interface InputCoverage { key: CoverageInput; label: string; customers: number; share: number; fill: string }
export interface ComponentCoverage {
  key: ComponentKey;
  missing: number;
  share: number;
  /** Why it is missing, as the component says, with how many customers each. */
  reasons: Array<{ reason: string; customers: number }>;
  /** What would fill it for most of those customers; null when it is missing by design (tech-touch cadence). */
  fill: string | null;
}
export interface DataCoverage { computedAt: string; customers: number; inputs: InputCoverage[]; components: ComponentCoverage[] }

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
/** The report as stored and as sync-status answers it. */
export const dataCoverageSchema = z.object({
  computedAt: z.string(),
  customers: count,
  inputs: z.array(z.object({ key: z.enum(coverageInputs), label: z.string(), customers: count, share, fill: z.string() })),
  components: z.array(z.object({
    key: z.enum(componentKeys), missing: count, share,
    reasons: z.array(z.object({ reason: z.string(), customers: count })), fill: z.string().nullable(),
  })),
}) satisfies z.ZodType<DataCoverage>;

const MEETING_WINDOW_DAYS = 90;

/** What fills each input: the Settings mapping (with the property it reads now) or what to do in HubSpot. */
const inputFill = (key: CoverageInput, config: ScoringConfig): { label: string; fill: string } => {
  const p = config.properties;
  switch (key) {
    case 'arr': return { label: 'ARR', fill: `log closed-won deals with their amount on the company, or map ARR in Settings (reads ${p.arr})` };
    case 'renewalDate': return { label: 'renewal date', fill: `create the open renewal deal (existing business) with its close date, or map the renewal date in Settings (reads ${p.renewalDate})` };
    case 'seats': return { label: 'seats', fill: `map seats purchased in Settings (reads ${p.seats})` };
    case 'usage': return { label: 'product usage', fill: `map active users in Settings (reads ${p.activeUsers30d}), or send daily ${config.usage.activeUsersMetric} to POST /api/v1/usage` };
    case 'meetings90d': return { label: `meetings in ${MEETING_WINDOW_DAYS} days`, fill: 'log meetings on the company in HubSpot (connect the team\'s calendars)' };
    case 'surveys': return { label: 'survey answers', fill: 'send HubSpot feedback surveys (NPS, CSAT, CES) to the company\'s contacts' };
    case 'tickets': return { label: 'tickets', fill: 'log support tickets on the company in HubSpot' };
    case 'owner': return { label: 'an owner', fill: `assign a company owner in HubSpot (reads ${p.owner})` };
  }
};

const hasInput = (key: CoverageInput, snapshot: CompanySnapshot, config: ScoringConfig, now: number): boolean => {
  const { company } = snapshot;
  switch (key) {
    case 'arr': return company.arr !== null;
    case 'renewalDate': return company.renewalDate !== null;
    case 'seats': return company.seats !== null && company.seats > 0;
    case 'usage': return company.activeUsers30d !== null || snapshot.usage.some((u) => u.metric === config.usage.activeUsersMetric);
    case 'meetings90d': return snapshot.engagements.some((e) => {
      const at = toMs(e.timestamp);
      return at !== null && at <= now && now - at <= MEETING_WINDOW_DAYS * DAY_MS && isMeetingHeld(e, config);
    });
    case 'surveys': return snapshot.feedback.length > 0;
    case 'tickets': return snapshot.tickets.length > 0;
    case 'owner': return (company.properties[config.properties.owner] ?? '').trim() !== '';
  }
};

/**
 * What would fill a component missing for this customer. A missing component is a data gap unless the config means
 * it (no cadence expected for a tech-touch segment, no milestone due yet), and then there is nothing to fill.
 */
const componentFill = (key: ComponentKey, has: (input: CoverageInput) => boolean, config: ScoringConfig): string | null => {
  const fill = (input: CoverageInput) => inputFill(input, config).fill;
  switch (key) {
    case 'usage': return has('seats') || has('usage') ? fill('usage') : `${fill('usage')}; ${fill('seats')}`;
    case 'commercial': return `log deals on the company (its open renewal deal gives the renewal date), or map the renewal date in Settings (reads ${config.properties.renewalDate})`;
    case 'sentiment': return fill('surveys');
    case 'engagement': return 'log emails, calls and meetings on the company in HubSpot (connect inboxes and calendars)';
    case 'relationship': return 'associate the company\'s contacts with it in HubSpot';
    case 'cadence': return has('arr') ? null : `${fill('arr')}: without ARR every customer is in the first, tech-touch segment`;
    case 'milestones': return null;
    case 'support': return null;
    case 'decline': return `${fill('usage')}, or log deals and tickets on the company in HubSpot`;
    case 'csm_sentiment': return 'set the CSM sentiment on the company card';
  }
};

/** A component out of the blend because nothing is wrong, not for want of data. */
export const isQuiet = (component: { key: ComponentKey; detail: string }): boolean => component.key === 'decline' && component.detail === noDeclineSign;

/** What one customer adds to the coverage report: the inputs it has, and its missing components with why and what would fill them. */
export interface CoverageObservation {
  present: CoverageInput[];
  missing: Array<{ key: ComponentKey; reason: string; fill: string | null }>;
}

/** One customer's part of the report, apart from the counting, so that it can be taken on another thread. */
export const observeCoverage = (snapshot: CompanySnapshot, card: Pick<ScoreCard, 'health'>, config: ScoringConfig, now: Date): CoverageObservation => {
  const present = new Set(coverageInputs.filter((key) => hasInput(key, snapshot, config, now.getTime())));
  const missing = card.health.components.flatMap((component) => (!component.missing || isQuiet(component) ? [] : [{
    key: component.key, reason: component.detail, fill: componentFill(component.key, (input) => present.has(input), config),
  }]));
  return { present: [...present], missing };
};

/**
 * Per portal: the share of customers that have each input the scoring reads, and which health components are
 * missing for how many customers, why, and what would fill them. Fed one customer at a time, so a portal of any
 * size costs one pass and a few counters.
 */
export const coverageAccumulator = (config: ScoringConfig, now: Date) => {
  let customers = 0;
  const inputs = new Map<CoverageInput, number>(coverageInputs.map((k) => [k, 0]));
  const missing = new Map<ComponentKey, { count: number; reasons: Map<string, number>; fills: Map<string, number> }>(
    componentKeys.map((k) => [k, { count: 0, reasons: new Map(), fills: new Map() }]),
  );
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const addObservation = (observation: CoverageObservation): void => {
    customers += 1;
    observation.present.forEach((key) => inputs.set(key, (inputs.get(key) ?? 0) + 1));
    for (const component of observation.missing) {
      const tally = missing.get(component.key)!;
      tally.count += 1;
      bump(tally.reasons, component.reason);
      if (component.fill !== null) bump(tally.fills, component.fill);
    }
  };
  return {
    add(snapshot: CompanySnapshot, card: Pick<ScoreCard, 'health'>): void {
      addObservation(observeCoverage(snapshot, card, config, now));
    },
    addObservation,
    report(): DataCoverage {
      const share = (n: number) => (customers === 0 ? 0 : Math.round((n / customers) * 1000) / 1000);
      const byCount = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return {
        computedAt: now.toISOString(),
        customers,
        inputs: coverageInputs.map((key) => ({ key, ...inputFill(key, config), customers: inputs.get(key) ?? 0, share: share(inputs.get(key) ?? 0) })),
        components: componentKeys.flatMap((key) => {
          const tally = missing.get(key)!;
          if (tally.count === 0) return [];
          return [{
            key, missing: tally.count, share: share(tally.count),
            reasons: byCount(tally.reasons).map(([reason, count]) => ({ reason, customers: count })),
            fill: byCount(tally.fills)[0]?.[0] ?? null,
          }];
        }),
      };
    },
  };
};

const cardHints: Partial<Record<ComponentKey, string>> = {
  usage: 'map active users in Settings',
  commercial: 'log the renewal deal in HubSpot or map the renewal date in Settings',
  sentiment: 'send HubSpot feedback surveys to the company\'s contacts',
  engagement: 'log emails, calls and meetings in HubSpot',
  relationship: 'associate contacts with the company in HubSpot',
  csm_sentiment: 'set it on this card',
};

/** The line a card shows for a component with no data: what is missing and what would fill it ("no usage data: map active users in Settings"). */
export const missingComponentHint = (key: ComponentKey, detail: string): string | null => {
  if (isQuiet({ key, detail })) return detail;
  const hint = cardHints[key];
  return hint === undefined ? null : `${detail}: ${hint}`;
};
