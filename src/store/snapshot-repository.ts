import { z } from 'zod';
import type { HubSpotCompanyHistory, HubSpotRecord } from '../snapshot/hubspot-records.schema.ts';
import { contactDeparturesRepository } from './contact-departures-repository.ts';
import { crmPropertiesSchema, PROPERTIES_SHAPE } from './crm-properties-shape.ts';
import type { Queryable } from './db.ts';

const recordRow = z.object({
  company_id: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  properties: crmPropertiesSchema,
  hs_updated_at: z.coerce.date().nullable(),
});
// A company's associated records as one JSON text, each record [type, id, properties, updated at, previous job
// title, title changed at, stamped], timestamps already in toISOString's form: one text column a company is what the
// drivers decode (their per-row, per-column conversion was most of the embedded store's part of a scoring run), and
// JSON.parse, native, does the rest. A record whose properties carry the running release's PROPERTIES_SHAPE was
// checked before it was written, and the other fields come from the query's own text columns, so it is taken as it
// is (parsing every record again was the largest single cost of building snapshots on PostgreSQL); any other record
// is parsed in full.
const childrenRow = z.object({ company_id: z.string(), children: z.string() });
type ChildRecord = [type: string, id: string, properties: Record<string, string | null>, updatedAt: string | null, previousTitle: string | null, titleChangedAt: string | null, stamped: boolean | null];
const childRecord = z.tuple([z.string(), z.string(), crmPropertiesSchema, z.string().nullable(), z.string().nullable(), z.string().nullable(), z.boolean().nullable()]);
const childRecordsOf = (text: string): ChildRecord[] => {
  const records: unknown = JSON.parse(text);
  if (!Array.isArray(records)) return z.array(childRecord).parse(records);
  return records.map((record: unknown) => (Array.isArray(record) && record[6] === true ? record as ChildRecord : childRecord.parse(record)));
};
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// One row per company and metric, its days and values each as one comma-separated text: 180 daily points a customer
// were most of the rows scoring read, each row cost a round of driver conversion on its own, and the embedded
// driver's array parser, character by character, was most of what remained (a split is native). Values are
// float8, whose text form reads back to the same number; days are counted from 1970-01-01 (to_char per point cost
// more than the rest of the query, and a date's own text form depends on the session's DateStyle).
const usageSeriesRow = z.object({ company_id: z.string(), metric: z.string(), days: z.string(), vals: z.string() });

const dayTexts = new Map<string, string>();
/** The ISO date of a day number (days since 1970-01-01); a run meets the same few hundred days again and again. */
const dayText = (day: string): string => {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
};

const byDayThenMetric = (a: { date: string; metric: string }, b: { date: string; metric: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0;

const toRecord = (id: string, props: Record<string, string | null>, updatedAt: string | null): HubSpotRecord => ({
  id, properties: props, ...(updatedAt !== null ? { updatedAt } : {}),
});

type History = HubSpotCompanyHistory & {
  engagements: Record<'calls' | 'emails' | 'meetings' | 'notes' | 'tasks', HubSpotRecord[]>;
  tickets: HubSpotRecord[]; deals: HubSpotRecord[]; feedbackSubmissions: HubSpotRecord[]; contacts: HubSpotRecord[];
  usage: Array<{ date: string; metric: string; value: number }>;
  departedContacts: Array<{ id: string; departedAt: string }>;
  titleChanges: Array<{ id: string; previousTitle: string; changedAt: string }>;
};

const emptyHistory = (company: HubSpotRecord): History => ({
  company, engagements: { calls: [], emails: [], meetings: [], notes: [], tasks: [] },
  tickets: [], deals: [], feedbackSubmissions: [], contacts: [], usage: [], departedContacts: [], titleChanges: [],
});

const place = (history: History, type: string, record: HubSpotRecord): void => {
  if (type === 'calls' || type === 'emails' || type === 'meetings' || type === 'notes' || type === 'tasks') history.engagements[type].push(record);
  else if (type === 'tickets' || type === 'deals' || type === 'contacts') history[type].push(record);
  else if (type === 'feedback_submissions') history.feedbackSubmissions.push(record);
};

/**
 * A page of companies' rows as the store returns them, before any of them is decoded: the part of building snapshots
 * that needs the store, apart from the part that is CPU alone (assembleHistories), so the score job can hand the
 * second to another thread. Everything in it survives structured cloning.
 */
export interface HistoryRows {
  companies: unknown[];
  children: unknown[];
  series: unknown[];
  departed: Map<string, Array<{ contactId: string; departedAt: string }>>;
}

/** The histories of a page's rows, in id order (companies not held are skipped): parsing and assembly, no store. */
export const assembleHistories = (rows: HistoryRows): History[] => {
  const companies = z.array(recordRow).parse(rows.companies);
  const byId = new Map(companies.map((row) => [row.object_id, emptyHistory(toRecord(row.object_id, row.properties, row.hs_updated_at?.toISOString() ?? null))]));
  for (const row of z.array(childrenRow).parse(rows.children)) {
    const history = byId.get(row.company_id);
    if (!history) continue;
    for (const [type, id, props, updatedAt, previousTitle, titleChangedAt] of childRecordsOf(row.children)) {
      place(history, type, toRecord(id, props, updatedAt));
      if (previousTitle !== null && titleChangedAt !== null) history.titleChanges.push({ id, previousTitle, changedAt: titleChangedAt });
    }
  }
  for (const row of z.array(usageSeriesRow).parse(rows.series)) {
    const vals = row.vals.split(',');
    byId.get(row.company_id)?.usage.push(...row.days.split(',').map((day, i) => ({ date: dayText(day), metric: row.metric, value: Number(vals[i] ?? 0) })));
  }
  // Day by day, metrics in name order within a day, as one query per point used to return them.
  for (const history of byId.values()) if (new Set(history.usage.map((p) => p.metric)).size > 1) history.usage.sort(byDayThenMetric);
  for (const [companyId, departures] of rows.departed) {
    byId.get(companyId)?.departedContacts.push(...departures.map((d) => ({ id: d.contactId, departedAt: d.departedAt })));
  }
  return [...byId.values()];
};

/** Each customer's synced records in HubSpot's shape, for src/snapshot/from-hubspot.ts (score history is the scoring job's). */
export const snapshotRepository = (db: Queryable) => ({
  async companyIds(portalId: number): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      "SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' ORDER BY object_id", [portalId],
    );
    return rows.map((r) => r.id);
  },

  /**
   * The rows of the given companies' histories, undecoded. The four reads go out at once: on PostgreSQL each runs on
   * its own connection, so the page costs the slowest of them, not their sum.
   */
  async historyRows(portalId: number, companyIds: readonly string[]): Promise<HistoryRows> {
    if (companyIds.length === 0) return { companies: [], children: [], series: [], departed: new Map() };
    const ids = [...companyIds];
    const [companies, children, series, departed] = await Promise.all([
      db.query(
        `SELECT object_id AS company_id, object_type, object_id, properties, hs_updated_at FROM crm_objects
         WHERE portal_id = $1 AND object_type = 'companies' AND object_id = ANY($2::text[]) ORDER BY object_id`, [portalId, ids],
      ),
      // One company at a time: over the whole page at once the planner hash-joined every record of the portal
      // (PostgreSQL scanned all of crm_objects for each page); per company it follows the two indexes.
      db.query(
        `SELECT c.id AS company_id, ch.children FROM (SELECT DISTINCT unnest($2::text[]) AS id) c CROSS JOIN LATERAL (
           SELECT json_agg(json_build_array(o.object_type, o.object_id, o.properties, ${isoText('o.hs_updated_at')},
             o.previous_jobtitle, ${isoText('o.jobtitle_changed_at')}, o.properties_shape = '${PROPERTIES_SHAPE}') ORDER BY o.object_type, o.object_id)::text AS children
           FROM crm_associations a JOIN crm_objects o ON o.portal_id = a.portal_id AND o.object_type = a.from_type AND o.object_id = a.from_id
           WHERE a.portal_id = $1 AND a.to_type = 'companies' AND a.to_id = c.id) ch
         WHERE ch.children IS NOT NULL`, [portalId, ids],
      ),
      db.query(
        `SELECT company_id, metric, string_agg((day - DATE '1970-01-01')::text, ',' ORDER BY day) AS days, string_agg(value::text, ',' ORDER BY day) AS vals
         FROM usage_metrics WHERE portal_id = $1 AND company_id = ANY($2::text[]) GROUP BY company_id, metric ORDER BY company_id, metric`, [portalId, ids],
      ),
      contactDeparturesRepository(db).forCompanies(portalId, ids),
    ]);
    return { companies, children, series, departed };
  },

  /** Histories of the held companies among the given ids, in id order (unknown ids are skipped). */
  async histories(portalId: number, companyIds: readonly string[]): Promise<History[]> {
    return assembleHistories(await this.historyRows(portalId, companyIds));
  },
});
