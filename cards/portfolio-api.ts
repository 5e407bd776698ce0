import { hubspot } from '@hubspot/ui-extensions';
import type { z } from 'zod';
import { portfolioBacktestSchema, portfolioStarPupilsSchema, type BacktestHorizon } from './backtest-data.schema.ts';
import { BACKEND_BASE_URL } from './generated/config.ts';
import {
  errorBodySchema, goalSavedSchema, portfolioChurnReviewSchema, portfolioCohortsSchema, portfolioGoalsSchema, portfolioMovementSchema,
  portfolioPlayEffectivenessSchema, portfolioRenewalsSchema, portfolioRetentionSchema, portfolioWorklistsSchema,
  type GoalBody, type ListFilters, type RetentionMonths,
} from './portfolio-data.schema.ts';

// The home page's door to the portfolio endpoints. hubspot.fetch signs each request (v3) and the backend checks the
// portalId in the query against the signed URL, as for the settings page; one request per section, so a slow or
// failing section never holds the others back.

export type PortfolioResult<T> = { ok: true; value: T } | { ok: false; message: string };

const timeoutMs = 15_000;

export type Query = Record<string, string | undefined>;

/** `path` is under the portal: `portfolio/<section>` for the sections, `backtest` and `star-pupils` beside them. */
const urlFor = (portalId: number, path: string, query: Query): string => {
  const params = new URLSearchParams({ portalId: String(portalId) });
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  return `${BACKEND_BASE_URL}/api/v1/portals/${portalId}/${path}?${params.toString()}`;
};

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

const failureOf = (status: number, body: unknown): { ok: false; message: string } => {
  const failure = errorBodySchema.safeParse(body);
  return { ok: false, message: (failure.success ? failure.data.error.message : undefined) ?? `Waypoint answered with status ${status}.` };
};

const send = async (portalId: number, path: string, query: Query, init: { method: 'GET' } | { method: 'POST'; body: Record<string, unknown> }) => {
  try {
    return await hubspot.fetch(urlFor(portalId, path, query), { ...init, timeout: timeoutMs });
  } catch {
    return undefined;
  }
};

const unreachable = { ok: false, message: 'Waypoint could not be reached. Check your connection and try again.' } as const;

const request = async <T>(portalId: number, path: string, schema: z.ZodType<T>, query: Query = {}, body?: Record<string, unknown>): Promise<PortfolioResult<T>> => {
  const response = await send(portalId, path, query, body === undefined ? { method: 'GET' } : { method: 'POST', body });
  if (response === undefined) return unreachable;
  const json = await readJson(response);
  if (!response.ok) return failureOf(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `Waypoint sent an answer this page cannot read (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown shape'}).` };
  }
  return { ok: true, value: parsed.data };
};

const call = <T>(portalId: number, section: string, schema: z.ZodType<T>, query: Query = {}, body?: Record<string, unknown>): Promise<PortfolioResult<T>> =>
  request(portalId, `portfolio/${section}`, schema, query, body);

/** A section's table as CSV text (format=csv), fetched signed: a plain link would reach the backend unsigned. */
const csv = async (portalId: number, section: string, query: Query): Promise<PortfolioResult<string>> => {
  const response = await send(portalId, `portfolio/${section}`, { ...query, format: 'csv' }, { method: 'GET' });
  if (response === undefined) return unreachable;
  if (!response.ok) return failureOf(response.status, await readJson(response));
  try {
    return { ok: true, value: await response.text() };
  } catch {
    return { ok: false, message: 'Waypoint sent a CSV this page cannot read.' };
  }
};

const filterQuery = (filters: ListFilters): Query => ({ owner: filters.owner, segment: filters.segment, cohort: filters.cohort });

export const portfolioApi = {
  cohorts: (portalId: number) => call(portalId, 'cohorts', portfolioCohortsSchema),
  movement: (portalId: number) => call(portalId, 'movement', portfolioMovementSchema),
  retention: (portalId: number) => call(portalId, 'retention', portfolioRetentionSchema),
  churnReview: (portalId: number, months: RetentionMonths) => call(portalId, 'churn-review', portfolioChurnReviewSchema, { months: String(months) }),
  goals: (portalId: number) => call(portalId, 'goals', portfolioGoalsSchema),
  setGoal: (portalId: number, goal: GoalBody) => call(portalId, 'goals', goalSavedSchema, {}, goal),
  worklists: (portalId: number, filters: ListFilters) => call(portalId, 'worklists', portfolioWorklistsSchema, filterQuery(filters)),
  renewals: (portalId: number, filters: ListFilters) => call(portalId, 'renewals', portfolioRenewalsSchema, filterQuery(filters)),
  playEffectiveness: (portalId: number) => call(portalId, 'play-effectiveness', portfolioPlayEffectivenessSchema),
  backtest: (portalId: number, horizon: BacktestHorizon) => request(portalId, 'backtest', portfolioBacktestSchema, { horizon: String(horizon) }),
  starPupils: (portalId: number) => request(portalId, 'star-pupils', portfolioStarPupilsSchema),
  csv,
  filterQuery,
};
