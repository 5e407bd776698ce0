import { companyNameParts, countrySpellings, useCases } from './catalog.ts';
import { nextAnniversary } from './commercial.ts';
import { DAY, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { iso, isoDate } from './raw.ts';
import type { CrmRecord, UsageSeries } from './types.ts';

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const companyName = (rng: Rng): { name: string; slug: string } => {
  const { syllables, nameSuffixes, legalForms } = companyNameParts;
  const parts = rng.int(2, 3);
  let stem = '';
  for (let i = 0; i < parts; i++) stem += rng.pick(syllables);
  const suffix = rng.chance(0.6) ? ` ${rng.pick(nameSuffixes)}` : '';
  const legal = rng.chance(0.4) ? ` ${rng.pick(legalForms)}` : '';
  return { name: `${capitalise(stem)}${suffix}${legal}`, slug: `${stem}${suffix.trim().toLowerCase()}` };
};

const prospectStages = ['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity'];

/** Free text as people type it: the canonical name more often than not, else a code, a local name or stray spaces. */
const messyCountry = (country: string, rng: Rng): string | null => {
  const roll = rng.next();
  if (roll < 0.05) return null;
  if (roll < 0.55) return country;
  if (roll < 0.62) return `${country} `;
  return rng.pick(countrySpellings[country] ?? [country]);
};

/**
 * A stock portal's view of the company's facts: standard properties only, some left empty, and now and then an
 * employee count that is plainly wrong (a sole founder entered, a digit dropped).
 */
const stockFacts = (plan: CompanyPlan, rng: Rng): Record<string, string | null> => {
  const employees = rng.chance(0.05) ? null : plan.fit !== 'bad' && rng.chance(0.015) ? String(rng.int(1, 4)) : String(plan.employees);
  return {
    industry: rng.chance(0.04) ? null : plan.industry, numberofemployees: employees, country: messyCountry(plan.country, rng),
    closedate: plan.contractStartMs === null ? null : iso(plan.contractStartMs),
  };
};

/** The company as HubSpot stores it: every value a string, the portal's custom CS properties included. */
export const companyRecord = (plan: CompanyPlan, rng: Rng, name: string, domain: string, usage: UsageSeries | null, nowMs: number): CrmRecord => {
  const customer = plan.contractStartMs !== null;
  const lastUsage = usage && !plan.churn ? (usage.values[usage.values.length - 1] ?? 0) : 0;
  const modifiedMs = plan.churn
    ? Math.min(nowMs, plan.churn.atMs + rng.int(0, 5) * DAY)
    : customer ? nowMs - rng.int(0, 10 * DAY - 1) : Math.min(nowMs, plan.createdMs + rng.float(0, 1) * (nowMs - plan.createdMs));
  const createdAt = iso(plan.createdMs);
  const updatedAt = iso(Math.max(plan.createdMs, Math.round(modifiedMs)));
  const num = (n: number | null) => (n === null ? null : String(n));
  const standard = {
    hs_object_id: plan.id, name, domain, industry: plan.industry, numberofemployees: String(plan.employees),
    annualrevenue: String(Math.round((plan.employees * rng.int(50, 250)) / 10) * 10_000), country: plan.country,
    lifecyclestage: customer ? 'customer' : rng.pick(prospectStages), hubspot_owner_id: plan.ownerIds[0] ?? null,
    createdate: createdAt, hs_lastmodifieddate: updatedAt,
  };
  if (plan.profileOfPortal === 'stock') {
    return {
      id: plan.id, createdAt, updatedAt, archived: false, companyId: null, contactId: null,
      properties: { ...standard, ...stockFacts(plan, rng.fork('stock')), annualrevenue: rng.chance(0.2) ? null : standard.annualrevenue },
    };
  }
  return {
    id: plan.id, createdAt, updatedAt, archived: false, companyId: null, contactId: null,
    properties: {
      ...standard,
      annual_recurring_revenue: customer ? String(plan.arr) : null,
      contract_start_date: plan.contractStartMs === null ? null : isoDate(plan.contractStartMs),
      renewal_date: plan.contractStartMs === null || plan.churn ? null : isoDate(nextAnniversary(plan.contractStartMs, nowMs)),
      seats_purchased: customer ? String(plan.seats) : null,
      active_users_30d: customer ? String(lastUsage) : null,
      key_features_used: num(usage ? (plan.churn ? 0 : usage.keyFeaturesUsed) : null),
      churned_at: plan.churn ? isoDate(plan.churn.atMs) : null,
      churn_reason: plan.churn ? plan.churn.reason : null,
      use_case: customer || rng.chance(0.3) ? rng.pick(useCases) : null,
    },
  };
};
