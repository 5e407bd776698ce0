import type { z } from 'zod';
import * as p from '../../portfolio/portfolio.schema.ts';
import type { Operation, Param, Reply, Security } from './operation.ts';
import { errorBodySchema, okSchema, portfolioCohortsSchema } from './schemas.ts';

const path = '/api/v1/portals/{portalId}/portfolio';
const admin: Security[] = ['apiKey', 'hubspotSignature'];
const error = (description: string): Reply => ({ description, schema: errorBodySchema });
const errors = {
  400: error('A query parameter or the body is out of bounds: the message names the field and why'),
  401: error('No API key or signature, or a wrong one'),
  403: error('The key or signature belongs to another portal'),
};
const queryOf = (schema: z.ZodObject): Record<string, Param> =>
  Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, { description: field.description ?? name, schema: field as z.ZodType }]));
const section = (name: string, summary: string, query: z.ZodObject, schema: z.ZodType): Operation => ({
  method: 'get', path: `${path}/${name}`, tag: 'portfolio', summary: `${summary}. CSV of the section's table with ?format=csv or Accept: text/csv`,
  security: admin, query: queryOf(query),
  responses: { 200: { description: 'The section (JSON), or its table as text/csv', schema }, ...errors },
});

/** The CS leader's portfolio: one read endpoint per section of the page (docs/portfolio.md), and the cohort goals. */
export const portfolioOperations: Operation[] = [
  section('cohorts', 'Current customers per segment and cohort (counts, ARR), churned customers apart', p.cohortsQuerySchema, portfolioCohortsSchema),
  section('movement', 'Transitions between cohorts since 30 and 90 days, and cohort counts week by week', p.movementQuerySchema, p.portfolioMovementSchema),
  section('retention', 'GRR, NRR, logo retention, expansion, contraction and churned ARR over trailing 3, 6 and 12 months; good fit, all and bad fit apart', p.retentionQuerySchema, p.portfolioRetentionSchema),
  section('churn-review', 'Customers churned in the period by avoidable/unavoidable × expected/unexpected, with reasons', p.churnReviewQuerySchema, p.portfolioChurnReviewSchema),
  section('goals', 'Cohort goals with baseline, target, current value, expected-by-now and on track or behind', p.goalsQuerySchema, p.portfolioGoalsSchema),
  {
    method: 'post', path: `${path}/goals`, tag: 'portfolio', summary: 'Sets a cohort goal: the baseline is measured now and stored with it', security: admin,
    body: p.goalBodySchema,
    responses: { 201: { description: 'The goal as the list shows it', schema: p.goalSchema }, 409: error('A goal for the cell and horizon is already set, or the portal has 200'), ...errors },
  },
  {
    method: 'delete', path: `${path}/goals/{goalId}`, tag: 'portfolio', summary: 'Removes a cohort goal', security: admin,
    responses: { 200: { description: 'Removed', schema: okSchema }, 404: error('No such goal'), ...errors },
  },
  section('worklists', 'Per CSM (HubSpot owner): the top customers by priority with health, cohort, next play and renewal date', p.worklistsQuerySchema, p.portfolioWorklistsSchema),
  section('play-effectiveness', 'Per play, status and outcome: how many were recorded, and the mean health when recorded and 30 and 90 days later', p.playEffectivenessQuerySchema, p.portfolioPlayEffectivenessSchema),
  section('renewals', 'Customers renewing within the next days (120 by default) with health and next play', p.renewalsQuerySchema, p.portfolioRenewalsSchema),
];
