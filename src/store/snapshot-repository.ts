import { z } from 'zod';
import type { HubSpotCompanyHistory, HubSpotRecord } from '../snapshot/hubspot-records.schema.ts';
import { contactDeparturesRepository } from './contact-departures-repository.ts';
import type { Queryable } from './db.ts';

const recordRow = z.object({
  company_id: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  hs_updated_at: z.coerce.date().nullable(),
  previous_jobtitle: z.string().nullable().optional(),
  jobtitle_changed_at: z.coerce.date().nullable().optional(),
});
// One row per company and metric, its days and values each as one comma-separated text: 180 daily points a customer
// were most of the rows scoring read, each row cost a round of driver conversion on its own, and the embedded
// driver's array parser, character by character, was most of what remained (a split is native). Values are
// float8, whose text form reads back to the same number.
const usageSeriesRow = z.object({ company_id: z.string(), metric: z.string(), days: z.string(), vals: z.string() });

const byDayThenMetric = (a: { date: string; metric: string }, b: { date: string; metric: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0;

const toRecord = (row: z.infer<typeof recordRow>): HubSpotRecord => ({
  id: row.object_id, properties: row.properties, ...(row.hs_updated_at ? { updatedAt: row.hs_updated_at.toISOString() } : {}),
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

/** Each customer's synced records in HubSpot's shape, for src/snapshot/from-hubspot.ts (score history is the scoring job's). */
export const snapshotRepository = (db: Queryable) => ({
  async companyIds(portalId: number): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      "SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' ORDER BY object_id", [portalId],
    );
    return rows.map((r) => r.id);
  },

  /** Histories of the held companies among the given ids, in id order (unknown ids are skipped). */
  async histories(portalId: number, companyIds: readonly string[]): Promise<History[]> {
    if (companyIds.length === 0) return [];
    const ids = [...companyIds];
    const companies = z.array(recordRow).parse(await db.query(
      `SELECT object_id AS company_id, object_type, object_id, properties, hs_updated_at FROM crm_objects
       WHERE portal_id = $1 AND object_type = 'companies' AND object_id = ANY($2::text[]) ORDER BY object_id`, [portalId, ids],
    ));
    const byId = new Map(companies.map((row) => [row.object_id, emptyHistory(toRecord(row))]));
    const children = z.array(recordRow).parse(await db.query(
      `SELECT a.to_id AS company_id, o.object_type, o.object_id, o.properties, o.hs_updated_at, o.previous_jobtitle, o.jobtitle_changed_at
       FROM crm_associations a JOIN crm_objects o ON o.portal_id = a.portal_id AND o.object_type = a.from_type AND o.object_id = a.from_id
       WHERE a.portal_id = $1 AND a.to_type = 'companies' AND a.to_id = ANY($2::text[]) ORDER BY a.to_id, o.object_type, o.object_id`, [portalId, ids],
    ));
    for (const row of children) {
      const history = byId.get(row.company_id);
      if (!history) continue;
      place(history, row.object_type, toRecord(row));
      if (row.previous_jobtitle != null && row.jobtitle_changed_at != null) {
        history.titleChanges.push({ id: row.object_id, previousTitle: row.previous_jobtitle, changedAt: row.jobtitle_changed_at.toISOString() });
      }
    }
    const series = z.array(usageSeriesRow).parse(await db.query(
      `SELECT company_id, metric, string_agg(to_char(day, 'YYYY-MM-DD'), ',' ORDER BY day) AS days, string_agg(value::text, ',' ORDER BY day) AS vals
       FROM usage_metrics WHERE portal_id = $1 AND company_id = ANY($2::text[]) GROUP BY company_id, metric ORDER BY company_id, metric`, [portalId, ids],
    ));
    for (const row of series) {
      const vals = row.vals.split(',');
      byId.get(row.company_id)?.usage.push(...row.days.split(',').map((date, i) => ({ date, metric: row.metric, value: Number(vals[i] ?? 0) })));
    }
    // Day by day, metrics in name order within a day, as one query per point used to return them.
    for (const history of byId.values()) if (new Set(history.usage.map((p) => p.metric)).size > 1) history.usage.sort(byDayThenMetric);
    for (const [companyId, departures] of await contactDeparturesRepository(db).forCompanies(portalId, ids)) {
      byId.get(companyId)?.departedContacts.push(...departures.map((d) => ({ id: d.contactId, departedAt: d.departedAt })));
    }
    return [...byId.values()];
  },
});
