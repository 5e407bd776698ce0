import { buildChildren } from './children.ts';
import { companyName, companyRecord } from './company-record.ts';
import { firstNames, lastNames } from './catalog.ts';
import { planCompany, type CompanyPlan } from './plan.ts';
import { Rng, seedFrom } from './prng.ts';
import { iso } from './raw.ts';
import { usageFor } from './usage.ts';
import type { CompanyChildren, CompanyTruth, CrmRecord, Owner, PortalProfile, Size, UsageSeries } from './types.ts';

export const portalSizes: Readonly<Record<Size, { companies: number; owners: number }>> = {
  S: { companies: 200, owners: 5 }, M: { companies: 5_000, owners: 20 }, L: { companies: 20_000, owners: 50 }, XL: { companies: 100_000, owners: 150 },
};
export const DEFAULT_NOW = '2026-11-01T00:00:00.000Z';

export interface GeneratePortalOptions {
  size: Size;
  seed: number | string;
  /** The anchor "now" of the portal; history spans the 18 months before it. */
  now?: string;
  portalId?: number;
  /** `rich` (default) adds the custom customer-success properties; `stock` is an ordinary HubSpot portal. */
  profile?: PortalProfile;
  /** How many companies' children stay generated in memory; others are regenerated when asked for. */
  cacheCompanies?: number;
}

/** A generated portal: companies eagerly, their children lazily (identically on every call). */
export interface Portal {
  readonly portalId: number;
  readonly size: Size;
  readonly profile: PortalProfile;
  readonly seed: number | string;
  readonly now: string;
  readonly nowMs: number;
  readonly owners: readonly Owner[];
  readonly companies: readonly CrmRecord[];
  readonly truth: ReadonlyMap<string, CompanyTruth>;
  children(companyIndex: number): CompanyChildren;
  usage(companyId: string): UsageSeries | null;
  companyIndex(companyId: string): number | undefined;
}

const truthOf = (plan: CompanyPlan): CompanyTruth => ({
  companyId: plan.id, archetype: plan.archetype, customer: plan.contractStartMs !== null, expectedFit: plan.fit,
  expectedCohort: plan.expectedCohort, healthProfile: plan.profile, segment: plan.segment,
  churn: plan.churn ? { churnedAt: iso(plan.churn.atMs), reason: plan.churn.reason, avoidable: plan.churn.avoidable, expected: plan.churn.expected } : null,
  championLeft: plan.championLeft, lastTwoWayDaysAgo: plan.lastTwoWayDaysAgo,
  expectedDark: plan.expectedCohort === null ? null : plan.expectedCohort === 'dark',
  trajectory: plan.trajectory,
});

const makeOwners = (rng: Rng, count: number): Owner[] =>
  Array.from({ length: count }, (_, i) => {
    const firstName = rng.pick(firstNames);
    const lastName = rng.pick(lastNames);
    return { id: String(70_000_000 + i), userId: 5_000_000 + i, firstName, lastName, email: `${firstName}.${lastName}.${i}@csm.example.com`.toLowerCase() };
  });

export const generatePortal = (options: GeneratePortalOptions): Portal => {
  const { size, seed } = options;
  const profile = options.profile ?? 'rich';
  const now = new Date(options.now ?? DEFAULT_NOW).toISOString();
  const nowMs = Date.parse(now);
  const root = new Rng(seedFrom(`${size}:${seed}`));
  const owners = makeOwners(root.fork('owners'), portalSizes[size].owners);
  const ownerIds = owners.map((o) => o.id);
  const count = portalSizes[size].companies;
  const plans: CompanyPlan[] = new Array<CompanyPlan>(count);
  const domains: string[] = new Array<string>(count);
  const companies: CrmRecord[] = new Array<CrmRecord>(count);
  const truth = new Map<string, CompanyTruth>();
  const taken = new Set<string>();
  const companyRng = (i: number) => root.fork(`company:${i}`);
  for (let i = 0; i < count; i++) {
    const rng = companyRng(i);
    const plan = planCompany(rng.fork('plan'), i, nowMs, ownerIds, profile);
    const { name, slug } = companyName(rng.fork('name'));
    let domain = `${slug.replace(/\s+/g, '')}.com`;
    if (taken.has(domain)) domain = `${slug.replace(/\s+/g, '')}-${i.toString(36)}.com`;
    taken.add(domain);
    plans[i] = plan;
    domains[i] = domain;
    const usage = usageFor(plan, rng.fork('usage'), nowMs);
    companies[i] = companyRecord(plan, rng.fork('record'), name, domain, usage, nowMs);
    truth.set(plan.id, truthOf(plan));
  }
  // Direct-mapped by company index: a company's slot is overwritten in place. An LRU on a Map (delete and set on
  // every build and hit) kept each rebuilt company alive past the young generation: at XL, with a cache of 64 (and
  // even of 1), about 1.8 MB were promoted per scavenge and collecting them was 60% of the emulator's CPU.
  const slots = Math.min(options.cacheCompanies ?? 256, count);
  const cachedIndex = new Int32Array(slots).fill(-1);
  const cached = new Array<CompanyChildren | undefined>(slots);
  const planAt = (index: number): CompanyPlan => {
    const plan = plans[index];
    if (!plan) throw new RangeError(`no company at index ${index}`);
    return plan;
  };
  const children = (index: number): CompanyChildren => {
    const slot = slots > 0 ? index % slots : -1;
    const hit = slot >= 0 && cachedIndex[slot] === index ? cached[slot] : undefined;
    if (hit) return hit;
    const built = buildChildren(planAt(index), companyRng(index).fork('children'), nowMs, domains[index] ?? 'example.com');
    if (slot >= 0) {
      cachedIndex[slot] = index;
      cached[slot] = built;
    }
    return built;
  };
  const companyIndex = (companyId: string): number | undefined => {
    const index = Number(companyId) - Number(plans[0]?.id ?? 0);
    return Number.isInteger(index) && index >= 0 && index < count ? index : undefined;
  };
  return {
    portalId: options.portalId ?? 1_000_000 + (seedFrom(`portal:${size}:${seed}`) % 9_000_000),
    size, profile, seed, now, nowMs, owners, companies, truth, children, companyIndex,
    usage: (companyId) => {
      const index = companyIndex(companyId);
      if (index === undefined) return null;
      const plan = planAt(index);
      return usageFor(plan, companyRng(index).fork('usage'), nowMs);
    },
  };
};
