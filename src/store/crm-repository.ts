import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import { PROPERTIES_SHAPE } from './crm-properties-shape.ts';
import type { Queryable } from './db.ts';

/** A synced CRM record in HubSpot's own shape: every property a string or null. */
export interface CrmRecordInput {
  id: string;
  properties: Record<string, string | null>;
  /** When HubSpot last modified the record (its hs_lastmodifieddate): a read older than the stored one is refused. */
  updatedAt?: string;
}

export interface UpsertResult {
  /** Ids whose stored properties actually changed (new ones included). */
  changed: string[];
  /** Ids whose stored version is newer than this read: kept as stored, only marked seen by this run. */
  stale: string[];
}

export const COMPANIES = 'companies';

const idRows = z.array(z.object({ id: z.string() }));
const ids = (rows: unknown): string[] => idRows.parse(rows).map((r) => r.id);
const upsertRows = z.array(z.object({ id: z.string(), changed: z.boolean(), stale: z.boolean() }));

const title = (side: 'o' | 'EXCLUDED') => `NULLIF(lower(btrim(${side}.properties->>'jobtitle')), '')`;
/**
 * A contact read again (not a stale read) whose job title went from one non-empty value to another, ignoring case and
 * spaces; a read without the property or a cleared title says nothing about the role.
 */
const titleChanged = `o.object_type = 'contacts' AND NOT COALESCE(EXCLUDED.hs_updated_at < o.hs_updated_at, false)
  AND ${title('o')} IS NOT NULL AND ${title('EXCLUDED')} IS NOT NULL AND ${title('o')} <> ${title('EXCLUDED')}`;

// $1 portal, $2 type, $3 the records as JSON; a record read twice keeps its newest version.
const UPSERT_INPUT = `input AS (
  SELECT DISTINCT ON (id) * FROM jsonb_to_recordset($3::jsonb) AS r(id text, properties jsonb, updated_at timestamptz)
  ORDER BY id, updated_at DESC NULLS LAST)`;
// A contact whose job title changed keeps the previous one and when it changed. Properties are stamped with the shape
// they hold (CrmRecordInput's, as the door parsed them); a stale read keeps the stored properties and their stamp.
const UPSERT_WRITE = `INSERT INTO crm_objects AS o (portal_id, object_type, object_id, properties, archived, hs_updated_at, synced_at, properties_shape)
  SELECT $1, $2, i.id, i.properties, false, i.updated_at, now(), '${PROPERTIES_SHAPE}' FROM input i
  ON CONFLICT (portal_id, object_type, object_id) DO UPDATE SET
    properties = CASE WHEN EXCLUDED.hs_updated_at < o.hs_updated_at THEN o.properties ELSE EXCLUDED.properties END,
    properties_shape = CASE WHEN EXCLUDED.hs_updated_at < o.hs_updated_at THEN o.properties_shape ELSE EXCLUDED.properties_shape END,
    hs_updated_at = CASE WHEN EXCLUDED.hs_updated_at < o.hs_updated_at THEN o.hs_updated_at ELSE EXCLUDED.hs_updated_at END,
    previous_jobtitle = CASE WHEN ${titleChanged} THEN o.properties->>'jobtitle' ELSE o.previous_jobtitle END,
    jobtitle_changed_at = CASE WHEN ${titleChanged} THEN COALESCE(EXCLUDED.hs_updated_at, now()) ELSE o.jobtitle_changed_at END,
    archived = false, synced_at = now()`;
/**
 * Rows per statement of a bulk write. The embedded store runs each statement on the caller's own thread (about 60 us
 * a record, 50 us a link), where a full sync's HubSpot reads wait for it: one association chunk's links in a single
 * statement held them up for up to a second. Between statements the event loop takes a turn, so the responses that
 * came in are read and the next requests go out while the rest of the rows are written.
 */
const RECORDS_PER_STATEMENT = 500;
const LINKS_PER_STATEMENT = 1_000;
const inChunks = async <T>(items: readonly T[], size: number, write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> => {
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await setImmediate();
    await write(items.slice(start, start + size));
  }
};

const upsertInput = (records: readonly CrmRecordInput[]): string =>
  JSON.stringify(records.map((r) => ({ id: r.id, properties: r.properties, updated_at: r.updatedAt ?? null })));

/**
 * Links inserted, skipping those already held; or, where nothing else can hold them (`absent`: deleted in this
 * transaction on a store without another writer), only the pairs deduplicated: the conflict check took about
 * half of each link's cost on the embedded store.
 */
const writeLinks = async (db: Queryable, portalId: number, childType: string, pairs: ReadonlyArray<{ child: string; company: string }>, absent: boolean): Promise<void> => {
  const rows = absent ? [...new Map(pairs.map((pair) => [`${pair.child}\u0000${pair.company}`, pair])).values()] : pairs;
  await inChunks(rows, LINKS_PER_STATEMENT, (chunk) => db.query(
    `INSERT INTO crm_associations (portal_id, from_type, from_id, to_type, to_id)
     SELECT $1, $2, p.child, '${COMPANIES}', p.company FROM jsonb_to_recordset($3::jsonb) AS p(child text, company text)
     ${absent ? '' : 'ON CONFLICT DO NOTHING'}`,
    [portalId, childType, JSON.stringify(chunk)],
  ));
};

/**
 * Children point at their company: from = engagement/ticket/deal/feedback/contact, to = company. Bind to the Db,
 * or to a transaction's Queryable so a page's rows and its checkpoint commit together.
 */
export const crmRepository = (db: Queryable) => ({
  /**
   * Upserts records unless the store already holds a newer version: a full sync's page read before a webhook's
   * re-read must not undo it when it commits later. A stale row still counts as seen by the run (synced_at), so the
   * end-of-sync sweep keeps it. The previous rows are looked up by `= ANY(ids)` so the planner takes the primary
   * key however large the table grows. A contact whose job title changed keeps the previous one and when it changed.
   */
  async upsertObjects(portalId: number, type: string, records: readonly CrmRecordInput[]): Promise<UpsertResult> {
    if (records.length === 0) return { changed: [], stale: [] };
    const rows = await db.query(
      `WITH ${UPSERT_INPUT},
       previous AS (
         SELECT o.object_id, o.properties FROM crm_objects o
         WHERE o.portal_id = $1 AND o.object_type = $2 AND o.object_id = ANY($4::text[])),
       written AS (${UPSERT_WRITE} RETURNING object_id, properties, hs_updated_at)
       SELECT w.object_id AS id,
         (p.object_id IS NULL OR p.properties IS DISTINCT FROM w.properties) AS changed,
         (i.updated_at IS NOT NULL AND w.hs_updated_at > i.updated_at) AS stale
       FROM written w JOIN input i ON i.id = w.object_id LEFT JOIN previous p ON p.object_id = w.object_id`,
      [portalId, type, upsertInput(records), [...new Set(records.map((r) => r.id))]],
    );
    const result = upsertRows.parse(rows);
    return { changed: result.filter((r) => r.changed).map((r) => r.id), stale: result.filter((r) => r.stale).map((r) => r.id) };
  },

  /**
   * The same write when nothing is asked back (a full sync's pages: the sweep and the rescore of every customer
   * follow anyway): no previous rows read, no rows returned, about a quarter less of the store's time per row.
   */
  async writeObjects(portalId: number, type: string, records: readonly CrmRecordInput[]): Promise<void> {
    await inChunks(records, RECORDS_PER_STATEMENT, (chunk) => db.query(`WITH ${UPSERT_INPUT} ${UPSERT_WRITE}`, [portalId, type, upsertInput(chunk)]));
  },

  /** Removes records and every association touching them; returns the companies they were attached to. */
  async deleteObjects(portalId: number, type: string, objectIds: readonly string[]): Promise<string[]> {
    if (objectIds.length === 0) return [];
    const list = [...objectIds];
    const companies = type === COMPANIES ? list : await this.companiesOf(portalId, type, list);
    await db.query(
      `DELETE FROM crm_associations WHERE portal_id = $1
         AND ((from_type = $2 AND from_id = ANY($3::text[])) OR (to_type = $2 AND to_id = ANY($3::text[])))`,
      [portalId, type, list],
    );
    await db.query('DELETE FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = ANY($3::text[])', [portalId, type, list]);
    return companies;
  },

  async companiesOf(portalId: number, childType: string, childIds: readonly string[]): Promise<string[]> {
    if (childIds.length === 0) return [];
    const rows = await db.query(
      `SELECT DISTINCT to_id AS id FROM crm_associations
       WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::text[]) AND to_type = '${COMPANIES}'`,
      [portalId, childType, [...childIds]],
    );
    return ids(rows);
  },

  async linksOf(portalId: number, childType: string, childIds: readonly string[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>();
    if (childIds.length === 0) return links;
    const rows = await db.query<{ child: string; company: string }>(
      `SELECT from_id AS child, to_id AS company FROM crm_associations
       WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::text[]) AND to_type = '${COMPANIES}' ORDER BY to_id`,
      [portalId, childType, [...childIds]],
    );
    for (const row of rows) links.set(row.child, [...(links.get(row.child) ?? []), row.company]);
    return links;
  },

  /** Children of one type linked to the given companies, each with those of its companies among them. */
  async companyLinksOfType(portalId: number, childType: string, companyIds: readonly string[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>();
    if (companyIds.length === 0) return links;
    const rows = await db.query<{ child: string; company: string }>(
      `SELECT from_id AS child, to_id AS company FROM crm_associations
       WHERE portal_id = $1 AND from_type = $2 AND to_type = '${COMPANIES}' AND to_id = ANY($3::text[]) ORDER BY from_id, to_id`,
      [portalId, childType, [...companyIds]],
    );
    for (const row of rows) links.set(row.child, [...(links.get(row.child) ?? []), row.company]);
    return links;
  },

  /**
   * Sets each listed child's company links to exactly the given companies. `soleWriter`: the store has no other
   * connection (the embedded one), so once this transaction has deleted the links, none of those it inserts can exist.
   */
  async replaceChildLinks(portalId: number, childType: string, links: ReadonlyMap<string, readonly string[]>, { soleWriter = false } = {}): Promise<void> {
    if (links.size === 0) return;
    await db.query(
      `DELETE FROM crm_associations WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::text[]) AND to_type = '${COMPANIES}'`,
      [portalId, childType, [...links.keys()]],
    );
    await writeLinks(db, portalId, childType, [...links].flatMap(([child, companies]) => companies.map((company) => ({ child, company }))), soleWriter);
  },

  /** Sets each listed company's links of one child type to exactly the given children (`soleWriter` as above). */
  async replaceCompanyLinks(portalId: number, childType: string, links: ReadonlyMap<string, readonly string[]>, { soleWriter = false } = {}): Promise<void> {
    if (links.size === 0) return;
    await db.query(
      `DELETE FROM crm_associations WHERE portal_id = $1 AND from_type = $2 AND to_type = '${COMPANIES}' AND to_id = ANY($3::text[])`,
      [portalId, childType, [...links.keys()]],
    );
    await writeLinks(db, portalId, childType, [...links].flatMap(([company, children]) => children.map((child) => ({ child, company }))), soleWriter);
  },

  async insertLinks(portalId: number, childType: string, pairs: ReadonlyArray<{ child: string; company: string }>): Promise<void> {
    await writeLinks(db, portalId, childType, pairs, false);
  },

  async removeLink(portalId: number, childType: string, childId: string, companyId: string): Promise<void> {
    await db.query(
      `DELETE FROM crm_associations WHERE portal_id = $1 AND from_type = $2 AND from_id = $3 AND to_type = '${COMPANIES}' AND to_id = $4`,
      [portalId, childType, childId, companyId],
    );
  },

  /** Stored ids of one type among the given ones. */
  async existing(portalId: number, type: string, objectIds: readonly string[]): Promise<Set<string>> {
    if (objectIds.length === 0) return new Set();
    const rows = await db.query(
      'SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = ANY($3::text[])',
      [portalId, type, [...objectIds]],
    );
    return new Set(ids(rows));
  },

  /** Companies held, optionally only those written at or after a run's start (what this run has seen). */
  async companyIds(portalId: number, seenSince?: Date): Promise<string[]> {
    const rows = await db.query(
      `SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = '${COMPANIES}'
         AND ($2::timestamptz IS NULL OR synced_at >= $2) ORDER BY object_id`,
      [portalId, seenSince ?? null],
    );
    return ids(rows);
  },

  /** Children linked to the given companies, in id order after `afterId` (limit null: all): the keyset of a batch-read strategy. */
  async linkedChildIds(portalId: number, childType: string, companyIds: readonly string[], afterId: string, limit: number | null): Promise<string[]> {
    const rows = await db.query(
      `SELECT DISTINCT from_id AS id FROM crm_associations
       WHERE portal_id = $1 AND from_type = $2 AND to_type = '${COMPANIES}' AND to_id = ANY($3::text[]) AND from_id > $4
       ORDER BY from_id LIMIT $5`,
      [portalId, childType, [...companyIds], afterId, limit],
    );
    return ids(rows);
  },

  /** Children of a type no longer linked to any held company: nothing Waypoint scores needs them. */
  async unlinkedChildren(portalId: number, childType: string, childIds: readonly string[]): Promise<string[]> {
    if (childIds.length === 0) return [];
    const rows = await db.query(
      `SELECT o.object_id AS id FROM crm_objects o WHERE o.portal_id = $1 AND o.object_type = $2 AND o.object_id = ANY($3::text[])
         AND NOT EXISTS (SELECT 1 FROM crm_associations a WHERE a.portal_id = $1 AND a.from_type = $2 AND a.from_id = o.object_id
           AND a.to_type = '${COMPANIES}')`,
      [portalId, childType, [...childIds]],
    );
    return ids(rows);
  },

  /** Children linked only to the given companies (what leaves the store with them). */
  async childrenOnlyLinkedTo(portalId: number, companyIds: readonly string[]): Promise<Array<{ type: string; id: string }>> {
    if (companyIds.length === 0) return [];
    const rows = await db.query<{ type: string; id: string }>(
      `SELECT DISTINCT a.from_type AS type, a.from_id AS id FROM crm_associations a
       WHERE a.portal_id = $1 AND a.to_type = '${COMPANIES}' AND a.to_id = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM crm_associations b WHERE b.portal_id = $1 AND b.from_type = a.from_type AND b.from_id = a.from_id
           AND b.to_type = '${COMPANIES}' AND NOT (b.to_id = ANY($2::text[])))`,
      [portalId, [...companyIds]],
    );
    return rows;
  },

  /**
   * The end of a full sync: whatever the run did not see is gone from HubSpot or no longer a customer's, and links
   * left without both ends go with it.
   */
  async sweepUnseen(portalId: number, runStartedAt: Date): Promise<number> {
    const removed = await db.query('DELETE FROM crm_objects WHERE portal_id = $1 AND synced_at < $2 RETURNING object_id', [portalId, runStartedAt]);
    // One end at a time: a lone NOT EXISTS plans as an anti join, where the two joined by OR ran a subquery per link
    // once the portal's objects outgrew work_mem (43 s against 10 s over 700,000 links on PGlite).
    for (const end of ['from', 'to'] as const) {
      await db.query(
        `DELETE FROM crm_associations a WHERE a.portal_id = $1
           AND NOT EXISTS (SELECT 1 FROM crm_objects o WHERE o.portal_id = $1 AND o.object_type = a.${end}_type AND o.object_id = a.${end}_id)`,
        [portalId],
      );
    }
    return removed.length;
  },

  async companyIdByDomain(portalId: number, domains: readonly string[]): Promise<Map<string, string>> {
    if (domains.length === 0) return new Map();
    const rows = await db.query<{ domain: string; id: string }>(
      `SELECT lower(properties->>'domain') AS domain, min(object_id) AS id FROM crm_objects
       WHERE portal_id = $1 AND object_type = '${COMPANIES}' AND lower(properties->>'domain') = ANY($2::text[])
       GROUP BY lower(properties->>'domain')`,
      [portalId, domains.map((d) => d.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.domain, r.id]));
  },
});

export type CrmRepository = ReturnType<typeof crmRepository>;
