import { Router } from 'express';
import { z } from 'zod';
import { authenticateApiKey } from '../../install/api-keys.ts';
import { numberBounds } from '../../scoring/bounds.ts';
import { DAY_MS } from '../../scoring/time.ts';
import { systemClock, type Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { ApiKeysRepository } from '../../store/api-keys-repository.ts';
import { crmRepository } from '../../store/crm-repository.ts';
import type { Db } from '../../store/db.ts';
import { installationsRepository } from '../../store/installations-repository.ts';
import { usageRepository, type UsageMetricInput } from '../../store/usage-repository.ts';

export interface PostUsageDeps {
  db: Db;
  /** Bounds usage dates (nothing after tomorrow); the system clock unless a test fixes it. */
  clock?: Clock;
  /** The portal a presented API key belongs to (hashed lookup, install lifecycle), or null for unknown or revoked keys. */
  verifyApiKey(token: string): Promise<number | null>;
  requestScoring(portalId: number, companyIds: readonly string[]): Promise<void>;
}

/** verifyApiKey backed by the install lifecycle's hashed per-portal keys; each use is recorded as the key's last use. */
export const portalOfApiKey = (apiKeys: ApiKeysRepository, clock: Clock = systemClock) => async (token: string): Promise<number | null> => {
  const key = await authenticateApiKey({ apiKeys }, token);
  if (key) await apiKeys.touch(key.id, clock.now());
  return key?.portalId ?? null;
};

const MAX_ROWS = 5_000;
const bearerPattern = /^Bearer\s+(\S+)$/i;

// Product usage before 2000 predates any customer Waypoint scores; a day after tomorrow (UTC) has not happened
// anywhere on Earth yet. Both are typos or unit mix-ups, refused rather than stored.
const EARLIEST_DAY = '2000-01-01';
const latestDay = (now: Date) => new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);

export const rowSchema = (now: Date) => z.object({
  companyId: z.union([z.string().regex(/^\d+$/, 'must be a HubSpot company id'), z.number().int().positive()]).transform(String).optional(),
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain like example.com').optional(),
  date: z.iso.date('must be a date YYYY-MM-DD')
    .refine((day) => day >= EARLIEST_DAY && day <= latestDay(now), { message: `must be between ${EARLIEST_DAY} and tomorrow` }),
  metric: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lowercase letters, digits and _ (at most 64)'),
  value: z.number('must be a number')
    .min(numberBounds.usageValue.min, 'must not be negative')
    .max(numberBounds.usageValue.max, `must be at most ${numberBounds.usageValue.max}`),
}).refine((row) => row.companyId !== undefined || row.domain !== undefined, { message: 'give companyId or domain', path: ['companyId'] });

const bodySchema = z.union([z.array(z.unknown()), z.object({ rows: z.array(z.unknown()) }).transform((b) => b.rows)])
  .pipe(z.array(z.unknown()).min(1, 'must hold at least one row').max(MAX_ROWS, `must hold at most ${MAX_ROWS} rows`));

export interface RowError {
  index: number;
  field: string;
  reason: string;
}

/**
 * Rows of one batch that name the same company, day and metric cannot all be right, and picking one would report
 * the others as accepted: each of them is refused with the indexes of the rest, and the batch's other rows land.
 */
const withoutDuplicates = (resolved: ReadonlyArray<{ index: number; row: UsageMetricInput }>, errors: RowError[]): UsageMetricInput[] => {
  const byKey = new Map<string, number[]>();
  for (const { index, row } of resolved) {
    const key = JSON.stringify([row.companyId, row.day, row.metric]);
    byKey.set(key, [...(byKey.get(key) ?? []), index]);
  }
  const rows: UsageMetricInput[] = [];
  for (const { index, row } of resolved) {
    const same = byKey.get(JSON.stringify([row.companyId, row.day, row.metric]))!;
    if (same.length === 1) rows.push(row);
    else errors.push({ index, field: 'date', reason: `same company, date and metric as rows ${same.filter((i) => i !== index).join(', ')}` });
  }
  return rows;
};

/**
 * POST /api/v1/usage: daily product-usage metrics per company, authenticated by a per-portal API key. Each bad row
 * gets its own error while the good rows land; a row is keyed by (company, date, metric), so re-sending changes nothing.
 */
export const postUsageRouter = (deps: PostUsageDeps): Router => {
  const router = Router();
  router.post('/api/v1/usage', async (req, res) => {
    const token = bearerPattern.exec(req.get('authorization') ?? '')?.[1];
    const portalId = token ? await deps.verifyApiKey(token) : null;
    if (portalId === null) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <API key> of the portal');
    // A portal that was never installed has no synced companies, so its rows are refused one by one below.
    const installation = await installationsRepository(deps.db).find(portalId);
    if (installation && installation.status !== 'active') {
      throw new AppError('INSTALLATION_INACTIVE', `Portal ${portalId} is ${installation.status}; usage for it is not accepted`);
    }
    const body = bodySchema.safeParse(req.body);
    if (!body.success) throw new AppError('VALIDATION_FAILED', `Usage batch: ${z.prettifyError(body.error)}`);

    const errors: RowError[] = [];
    const schema = rowSchema((deps.clock ?? systemClock).now());
    const valid: Array<{ index: number; row: z.infer<typeof schema> }> = [];
    body.data.forEach((raw, index) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) valid.push({ index, row: parsed.data });
      else {
        const issue = parsed.error.issues[0];
        errors.push({ index, field: issue?.path.join('.') || 'row', reason: issue?.message ?? 'invalid row' });
      }
    });

    const crm = crmRepository(deps.db);
    const byDomain = await crm.companyIdByDomain(portalId, valid.flatMap(({ row }) => (row.companyId ? [] : [row.domain ?? ''])));
    const held = await crm.existing(portalId, 'companies', valid.flatMap(({ row }) => (row.companyId ? [row.companyId] : [])));
    const resolved: Array<{ index: number; row: UsageMetricInput }> = [];
    for (const { index, row } of valid) {
      const companyId = row.companyId ?? byDomain.get(row.domain ?? '');
      if (companyId === undefined) errors.push({ index, field: 'domain', reason: 'no synced customer company has this domain' });
      else if (row.companyId && !held.has(companyId)) errors.push({ index, field: 'companyId', reason: 'not a synced customer company of this portal' });
      else resolved.push({ index, row: { companyId, day: row.date, metric: row.metric, value: row.value } });
    }
    const rows = withoutDuplicates(resolved, errors);
    errors.sort((a, b) => a.index - b.index);
    if (rows.length === 0) throw new AppError('VALIDATION_FAILED', 'No valid usage rows', { details: { errors } });

    const changed = await usageRepository(deps.db).upsert(portalId, rows);
    if (changed.length > 0) await deps.requestScoring(portalId, changed);
    res.status(200).json({ accepted: rows.length, changedCompanies: changed.length, errors });
  });
  return router;
};
