import { z } from 'zod';
import { ASSOCIATIONS_BATCH_MAX } from '../hubspot/associations.ts';
import { BATCH_MAX, LIST_PAGE_MAX } from '../hubspot/objects.ts';
import { SEARCH_PAGE_MAX } from '../hubspot/search.ts';
import { reachedThroughContacts } from './contact-links.ts';
import { childTypes, type ChildType } from './object-catalogue.ts';

/**
 * 'list': page through every object of the type with its company associations and keep the customers' ones.
 * 'associations': read the customers' associations (1,000 companies a call), then batch-read only those objects (100 a call).
 */
export const strategySchema = z.enum(['list', 'associations']);
export type Strategy = z.infer<typeof strategySchema>;

export const typePlanSchema = z.object({
  type: z.enum(childTypes),
  strategy: strategySchema,
  total: z.number().int().nonnegative(),
  estimatedLinked: z.number().int().nonnegative(),
  listRequests: z.number().int().nonnegative(),
  associationRequests: z.number().int().nonnegative(),
  reason: z.string(),
  /** Objects actually linked to customers, known once the associations strategy has read them. */
  linked: z.number().int().nonnegative().optional(),
});
export type TypePlan = z.infer<typeof typePlanSchema>;

const pages = (count: number, perPage: number): number => Math.ceil(count / perPage);

export interface PortalCounts {
  customers: number;
  companies: number;
}

/**
 * Objects linked to customers are estimated by the customers' share of companies: the counts are all HubSpot gives
 * before any object is read, and the choice only matters when the two costs are far apart.
 */
export const planType = (type: ChildType, total: number, counts: PortalCounts): TypePlan => {
  const share = counts.companies === 0 ? 0 : Math.min(1, counts.customers / counts.companies);
  const estimatedLinked = Math.round(total * share);
  const listRequests = Math.max(1, pages(total, LIST_PAGE_MAX));
  const associationRequests = pages(counts.customers, ASSOCIATIONS_BATCH_MAX) + pages(estimatedLinked, BATCH_MAX);
  const strategy: Strategy = associationRequests < listRequests ? 'associations' : 'list';
  const reason = `${total} ${type}, ~${estimatedLinked} on ${counts.customers} of ${counts.companies} companies: `
    + `list ${listRequests} requests vs associations+batch read ~${associationRequests}`;
  return { type, strategy, total, estimatedLinked, listRequests, associationRequests, reason };
};

/** One search total per child type, plus customers and all companies. */
export const planningRequests = childTypes.length + 2;
/** The owners listing after the phases: one page holds up to 500 owners. */
export const ownersRequests = 1;

/**
 * The fewest requests the chosen strategies could have taken, from what the run actually found: the yardstick the
 * benchmark holds requests used against.
 */
export const minimumRequests = (customers: number, plans: readonly TypePlan[]): number => {
  const companies = Math.max(1, pages(customers, SEARCH_PAGE_MAX));
  const contacts = plans.find((p) => p.type === 'contacts');
  // Types reached through contacts also read the customers' contacts' links when they go by associations.
  const throughContacts = (plan: TypePlan) => (reachedThroughContacts.has(plan.type) && contacts
    ? pages(contacts.linked ?? contacts.estimatedLinked, ASSOCIATIONS_BATCH_MAX) : 0);
  const children = plans.reduce((sum, plan) => sum + (plan.strategy === 'list'
    ? plan.listRequests
    : pages(customers, ASSOCIATIONS_BATCH_MAX) + pages(plan.linked ?? plan.estimatedLinked, BATCH_MAX) + throughContacts(plan)), 0);
  return planningRequests + ownersRequests + companies + children;
};
