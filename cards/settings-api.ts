import { hubspot } from '@hubspot/ui-extensions';
import type { z } from 'zod';
import { BACKEND_BASE_URL } from './generated/config.ts';
import {
  apiKeysResponseSchema, backtestAnswerSchema, configResponseSchema, dryRunReportSchema, dryRunRunningSchema, fitCountsSchema, mintedKeySchema,
  propertiesResponseSchema, savedResponseSchema, starPupilDaysSchema, syncStatusCoverageSchema, validationErrorSchema, versionsResponseSchema,
  type DryRunReport,
} from './settings-data.schema.ts';

// The settings page's door to Waypoint's admin API. Like api.ts for the cards: hubspot.fetch signs each request,
// and the portal travels in the query string, where the backend checks it against the signed URL.

export type FieldIssue = { path: string; message: string };
export type SettingsResult<T> = { ok: true; value: T } | { ok: false; message: string; issues: FieldIssue[] };

const timeoutMs = 15_000;
const pollEveryMs = 1_000;

const urlFor = (portalId: number, path: string): string =>
  `${BACKEND_BASE_URL}/api/v1/portals/${portalId}${path}?${new URLSearchParams({ portalId: String(portalId) }).toString()}`;

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

type Init = { method: 'GET' | 'DELETE' } | { method: 'POST' | 'PUT'; body: Record<string, unknown> };

const call = async <T>(portalId: number, path: string, schema: z.ZodType<T>, init: Init = { method: 'GET' }): Promise<SettingsResult<T> & { status?: number }> => {
  let response: Response;
  try {
    response = await hubspot.fetch(urlFor(portalId, path), { ...init, timeout: timeoutMs });
  } catch {
    return { ok: false, message: 'Waypoint could not be reached. Check your connection and try again.', issues: [] };
  }
  const body = await readJson(response);
  if (!response.ok) {
    const failure = validationErrorSchema.safeParse(body);
    return {
      ok: false, status: response.status, issues: failure.success ? failure.data.error.details ?? [] : [],
      message: (failure.success ? failure.data.error.message : undefined) ?? `Waypoint answered with status ${response.status}.`,
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, message: 'Waypoint sent an answer this page cannot read.', issues: [] };
  return { ok: true, value: parsed.data, status: response.status };
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A dry run that takes over a second answers with an id; this polls it, reporting progress, until the report is in. */
const untilDone = async (
  portalId: number, started: SettingsResult<unknown> & { status?: number }, onProgress?: (companiesDone: number) => void,
): Promise<SettingsResult<DryRunReport>> => {
  let answer = started;
  for (;;) {
    if (!answer.ok) return answer;
    const running = dryRunRunningSchema.safeParse(answer.value);
    if (!running.success) {
      const report = dryRunReportSchema.safeParse(answer.value);
      return report.success ? { ok: true, value: report.data } : { ok: false, message: 'Waypoint sent a dry run this page cannot read.', issues: [] };
    }
    onProgress?.(running.data.progress?.companiesDone ?? 0);
    await wait(pollEveryMs);
    answer = await call(portalId, `/scoring-config/dry-runs/${running.data.dryRunId}`, dryRunRunningSchema.or(dryRunReportSchema));
  }
};

const anyBody = dryRunRunningSchema.or(dryRunReportSchema);

export const settingsApi = {
  config: (portalId: number) => call(portalId, '/scoring-config', configResponseSchema),
  properties: (portalId: number) => call(portalId, '/properties', propertiesResponseSchema),
  versions: (portalId: number) => call(portalId, '/scoring-config/versions', versionsResponseSchema),
  coverage: (portalId: number) => call(portalId, '/sync-status', syncStatusCoverageSchema),
  apiKeys: (portalId: number) => call(portalId, '/api-keys', apiKeysResponseSchema),
  starPupils: (portalId: number) => call(portalId, '/star-pupils', starPupilDaysSchema),
  backtest: (portalId: number) => call(portalId, '/backtest', backtestAnswerSchema),
  fitCounts: (portalId: number, draft: Record<string, unknown>) =>
    call(portalId, '/scoring-config/fit-counts', fitCountsSchema, { method: 'POST', body: draft }),
  dryRun: async (portalId: number, draft: Record<string, unknown>, onProgress?: (n: number) => void) =>
    untilDone(portalId, await call(portalId, '/scoring-config/dry-run', anyBody, { method: 'POST', body: draft }), onProgress),
  save: (portalId: number, draft: Record<string, unknown>) => call(portalId, '/scoring-config', savedResponseSchema, { method: 'PUT', body: draft }),
  rollbackDryRun: async (portalId: number, version: number, onProgress?: (n: number) => void) =>
    untilDone(portalId, await call(portalId, `/scoring-config/versions/${version}/dry-run`, anyBody, { method: 'POST', body: {} }), onProgress),
  rollback: (portalId: number, version: number) =>
    call(portalId, `/scoring-config/versions/${version}/rollback`, savedResponseSchema, { method: 'POST', body: {} }),
  mintKey: (portalId: number, name: string) => call(portalId, '/api-keys', mintedKeySchema, { method: 'POST', body: { name } }),
  revokeKey: (portalId: number, prefix: string) => call(portalId, `/api-keys/${encodeURIComponent(prefix)}`, mintedKeySchema.pick({ apiKey: true }), { method: 'DELETE' }),
};
