import { z } from 'zod';
import type { Queryable } from './db.ts';

const eventRows = z.array(z.object({ event_id: z.string(), payload: z.record(z.string(), z.unknown()) }));

/** Webhook events as HubSpot delivered them: stored before acknowledging, processed later, each exactly once. */
export const webhookEventsRepository = (db: Queryable) => ({
  /** Returns the ids that were new; redeliveries (same eventId) are ignored. */
  async insert(portalId: number, events: ReadonlyArray<{ eventId: string; payload: unknown }>): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = await db.query<{ event_id: string }>(
      `INSERT INTO webhook_events (event_id, portal_id, payload)
       SELECT e.event_id, $1, e.payload FROM jsonb_to_recordset($2::jsonb) AS e(event_id text, payload jsonb)
       ON CONFLICT (portal_id, event_id) DO NOTHING RETURNING event_id`,
      [portalId, JSON.stringify(events.map((e) => ({ event_id: e.eventId, payload: e.payload })))],
    );
    return rows.map((r) => r.event_id);
  },

  /** Oldest first, so a later change to the same record wins. */
  async unprocessed(portalId: number, limit: number): Promise<Array<{ eventId: string; payload: Record<string, unknown> }>> {
    const rows = await db.query(
      `SELECT event_id, payload FROM webhook_events WHERE portal_id = $1 AND processed_at IS NULL
       ORDER BY received_at, event_id LIMIT $2`,
      [portalId, limit],
    );
    return eventRows.parse(rows).map((r) => ({ eventId: r.event_id, payload: r.payload }));
  },

  async markProcessed(portalId: number, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await db.query('UPDATE webhook_events SET processed_at = now() WHERE portal_id = $1 AND event_id = ANY($2::text[])', [portalId, [...eventIds]]);
  },

  /** Privacy deletion: events about a contact may carry its property values, so they go too (the deletion event itself stays, ids only). */
  async deleteAboutContact(portalId: number, contactId: string): Promise<void> {
    await db.query(
      `DELETE FROM webhook_events WHERE portal_id = $1 AND (
         (payload->>'objectTypeId' = '0-1' AND payload->>'objectId' = $2)
         OR (payload->>'fromObjectTypeId' = '0-1' AND payload->>'fromObjectId' = $2)
         OR (payload->>'toObjectTypeId' = '0-1' AND payload->>'toObjectId' = $2))`,
      [portalId, contactId],
    );
  },
});
