import { z } from 'zod';
import { cohorts, healthStatuses, plays, type Cohort, type ScoringConfig } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { numericPattern } from './portfolio-sql.ts';

const DAY_MS = 86_400_000;

export interface ListFilters {
  /** A HubSpot owner id, or 'none' for companies without an owner. */
  owner?: string | undefined;
  segment?: string | undefined;
  cohort?: Cohort | undefined;
}

const listRowSchema = z.object({
  company_id: z.string(),
  name: z.string().nullable(),
  owner_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  segment: z.string(),
  cohort: z.enum(cohorts),
  priority: z.coerce.number(),
  health_score: z.coerce.number(),
  health_status: z.enum(healthStatuses),
  next_play: z.enum(plays),
  renewal_date: z.string().nullable(),
  arr: z.coerce.number().nullable(),
});
type ListRow = z.infer<typeof listRowSchema>;

const listItem = (r: ListRow) => ({
  companyId: r.company_id, name: r.name, ownerId: r.owner_id, segment: r.segment, cohort: r.cohort, priority: r.priority,
  healthScore: r.health_score, healthStatus: r.health_status, nextPlay: r.next_play, renewalDate: r.renewal_date, arr: r.arr,
});
export type ListItem = ReturnType<typeof listItem>;

export interface Worklist { ownerId: string | null; ownerName: string | null; customers: number; top: ListItem[] }
export interface Renewals { withinDays: number; total: number; renewals: Array<ListItem & { ownerName: string | null; daysToRenewal: number }> }

// Current customers (live, latest card without a churn) with what a list row shows, filtered in SQL. HubSpot keeps a
// date property as YYYY-MM-DD or as epoch milliseconds; anything else reads as no renewal date. Everything is read
// from the card's columns (migrations 001, 083, 151): the cards' jsonb is never taken out of storage. A card whose
// list columns are missing (a poisoned row) is passed over. The owner's name is HubSpot's, as last listed.
const current = `
WITH live AS (
  SELECT object_id AS company_id, properties->>$2 AS name, NULLIF(properties->>$3, '') AS owner_id,
    CASE WHEN properties->>$5 ~ $6 THEN (properties->>$5)::double precision END AS arr,
    CASE WHEN properties->>$4 ~ '^[0-9]{9,}$' THEN (to_timestamp((properties->>$4)::bigint / 1000.0) AT TIME ZONE 'UTC')::date
         WHEN properties->>$4 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN left(properties->>$4, 10)::date END AS renewal
  FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND NOT archived),
latest AS (
  SELECT DISTINCT ON (company_id) company_id, segment, cohort, churned, priority, health_score, health_status, next_play FROM score_snapshots
  WHERE portal_id = $1 ORDER BY company_id, scored_at DESC, id DESC),
current AS (
  SELECT l.company_id, l.name, l.owner_id, COALESCE(h.name, h.email) AS owner_name, c.segment, c.cohort, c.priority, c.health_score,
    c.health_status, c.next_play, l.renewal, to_char(l.renewal, 'YYYY-MM-DD') AS renewal_date, l.arr
  FROM latest c JOIN live l USING (company_id) LEFT JOIN hubspot_owners h ON h.portal_id = $1 AND h.owner_id = l.owner_id
  WHERE c.churned IS NOT TRUE AND c.cohort = ANY($7::text[]) AND c.segment IS NOT NULL
    AND c.priority IS NOT NULL AND c.health_score IS NOT NULL AND c.health_status IS NOT NULL AND c.next_play IS NOT NULL
    AND ($8::text IS NULL OR ($8 = 'none' AND l.owner_id IS NULL) OR l.owner_id = $8)
    AND ($9::text IS NULL OR c.segment = $9) AND ($10::text IS NULL OR c.cohort = $10))`;

const worklistsSql = `${current},
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY owner_id ORDER BY priority DESC, company_id) AS rank, count(*) OVER (PARTITION BY owner_id) AS owner_customers
  FROM current)
SELECT * FROM ranked WHERE rank <= $11 ORDER BY owner_customers DESC, owner_id NULLS LAST, rank`;

const renewalsSql = `${current}
SELECT *, renewal - $11::date AS days_to_renewal, count(*) OVER () AS total FROM current
WHERE renewal >= $11::date AND renewal <= $11::date + $12::int
ORDER BY renewal, priority DESC, company_id LIMIT $13`;

const params = (portalId: number, config: ScoringConfig, filters: ListFilters) => [
  portalId, config.properties.name, config.properties.owner, config.properties.renewalDate, config.properties.arr, numericPattern, [...cohorts],
  filters.owner ?? null, filters.segment ?? null, filters.cohort ?? null,
];

/** Per owner, the top customers by priority; owners with the most matching customers first. One query. */
export const worklists = async (db: Queryable, portalId: number, input: { config: ScoringConfig; filters: ListFilters; limit: number }): Promise<Worklist[]> => {
  const rows = await db.query<Record<string, unknown>>(worklistsSql, [...params(portalId, input.config, input.filters), input.limit]);
  const owners: Worklist[] = [];
  for (const row of rows) {
    const parsed = listRowSchema.parse(row);
    const item = listItem(parsed);
    const last = owners.at(-1);
    // Rows come grouped by owner, so a new owner id starts the next list.
    if (last && last.ownerId === item.ownerId) last.top.push(item);
    else owners.push({ ownerId: item.ownerId, ownerName: parsed.owner_name, customers: z.coerce.number().int().parse(row.owner_customers), top: [item] });
  }
  return owners;
};

/** Current customers renewing from `asOf`'s day to `withinDays` after it, soonest first. One query. */
export const renewals = async (
  db: Queryable, portalId: number, input: { config: ScoringConfig; filters: ListFilters; asOf: Date; withinDays: number; limit: number },
): Promise<Renewals> => {
  const today = new Date(Math.floor(input.asOf.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const rows = await db.query<Record<string, unknown>>(renewalsSql, [...params(portalId, input.config, input.filters), today, input.withinDays, input.limit]);
  return {
    withinDays: input.withinDays,
    total: rows.length === 0 ? 0 : z.coerce.number().int().parse(rows[0]?.total),
    renewals: rows.map((row) => {
      const parsed = listRowSchema.parse(row);
      return { ...listItem(parsed), ownerName: parsed.owner_name, daysToRenewal: z.coerce.number().int().parse(row.days_to_renewal) };
    }),
  };
};
