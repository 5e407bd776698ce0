import { companyNameParts, useCases } from './catalog.ts';
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
  return {
    id: plan.id, createdAt, updatedAt, archived: false, companyId: null, contactId: null,
    properties: {
      hs_object_id: plan.id, name, domain, industry: plan.industry, numberofemployees: String(plan.employees),
      annualrevenue: String(Math.round((plan.employees * rng.int(50, 250)) / 10) * 10_000), country: plan.country,
      lifecyclestage: customer ? 'customer' : rng.pick(prospectStages), hubspot_owner_id: plan.ownerId,
      createdate: createdAt, hs_lastmodifieddate: updatedAt,
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
