import { hubspot } from '@hubspot/ui-extensions';
import type { z } from 'zod';
import {
  actionDoneResponseSchema,
  cardDataSchema,
  createTaskResponseSchema,
  errorResponseSchema,
  type CardData,
  type CompanyMilestoneRequest,
  type CreateTaskRequest,
  type CsmSentimentRequest,
  type DesiredOutcomeRequest,
  type MarkMilestoneRequest,
  type PlayOutcomeRequest,
} from './card-data.schema.ts';
import { BACKEND_BASE_URL } from './generated/config.ts';

// The only door to Waypoint's backend. hubspot.fetch signs each request for the backend (v3), sends the body as
// JSON and allows no custom header but Authorization, so the record travels in the query string.

/** The company record a card is showing, as HubSpot's context names it. */
export type RecordRef = { portalId: number; objectId: number };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; message: string };

const timeoutMs = 15_000;

const unreachable = 'Waypoint could not be reached. Check your connection and try again.';

const urlFor = (path: string, record: RecordRef): string => {
  const query = new URLSearchParams({ portalId: String(record.portalId), objectId: String(record.objectId) });
  return `${BACKEND_BASE_URL}${path}?${query.toString()}`;
};

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

const describeIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue === undefined ? 'unknown shape' : `${issue.path.join('.') || 'body'}: ${issue.message}`;
};

const request = async <T>(
  path: string,
  record: RecordRef,
  schema: z.ZodType<T>,
  init: { method: 'GET' } | { method: 'POST'; body: Record<string, unknown> },
): Promise<ApiResult<T>> => {
  let response: Response;
  try {
    response = await hubspot.fetch(urlFor(path, record), { ...init, timeout: timeoutMs });
  } catch {
    return { ok: false, message: unreachable };
  }
  const body = await readJson(response);
  if (!response.ok) {
    const failure = errorResponseSchema.safeParse(body);
    const message = failure.success ? failure.data.error.message : undefined;
    return { ok: false, message: message ?? `Waypoint answered with status ${response.status}.` };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, message: `Waypoint sent a response this card cannot read (${describeIssue(parsed.error)}).` };
  }
  return { ok: true, value: parsed.data };
};

export const getCardData = (record: RecordRef): Promise<ApiResult<CardData>> =>
  request('/api/cards/company', record, cardDataSchema, { method: 'GET' });

export const createTask = (record: RecordRef, body: CreateTaskRequest): Promise<ApiResult<{ taskId: string }>> =>
  request('/api/cards/actions/create-task', record, createTaskResponseSchema, { method: 'POST', body });

export type ActionDone = { status: 'ok' | 'queued' };

export const markMilestoneDone = (record: RecordRef, body: MarkMilestoneRequest): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/mark-milestone', record, actionDoneResponseSchema, { method: 'POST', body });

export const recordPlayOutcome = (record: RecordRef, body: PlayOutcomeRequest): Promise<ApiResult<unknown>> =>
  request('/api/cards/actions/play-outcome', record, actionDoneResponseSchema, { method: 'POST', body });

export const setCsmSentiment = (record: RecordRef, body: CsmSentimentRequest): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/csm-sentiment', record, actionDoneResponseSchema, { method: 'POST', body });

export const setDesiredOutcome = (record: RecordRef, body: DesiredOutcomeRequest): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/desired-outcome', record, actionDoneResponseSchema, { method: 'POST', body });

export const saveCompanyMilestone = (record: RecordRef, body: CompanyMilestoneRequest): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/company-milestone', record, actionDoneResponseSchema, { method: 'POST', body });

export const removeCompanyMilestone = (record: RecordRef, body: MarkMilestoneRequest): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/remove-company-milestone', record, actionDoneResponseSchema, { method: 'POST', body });

export const rescore = (record: RecordRef): Promise<ApiResult<ActionDone>> =>
  request('/api/cards/actions/rescore', record, actionDoneResponseSchema, { method: 'POST', body: {} });
