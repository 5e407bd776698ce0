import { z } from 'zod';
import type { Queryable } from './db.ts';

export type DepartureSignal = 'association_removed' | 'archived';
export interface ContactLink { companyId: string; contactId: string }
export interface ContactDeparture { contactId: string; signal: DepartureSignal; departedAt: string }

const rowSchema = z.object({ company_id: z.string(), contact_id: z.string(), signal: z.enum(['association_removed', 'archived']), departed_at: z.coerce.date() });

export const contactDeparturesRepository = (db: Queryable) => ({
  /** Records departures, keeping the first time each was seen. */
  async record(portalId: number, links: readonly ContactLink[], signal: DepartureSignal): Promise<void> {
    if (links.length === 0) return;
    await db.query(
      `INSERT INTO contact_departures (portal_id, company_id, contact_id, signal)
       SELECT $1, l.company_id, l.contact_id, $2 FROM jsonb_to_recordset($3::jsonb) AS l(company_id text, contact_id text)
       ON CONFLICT DO NOTHING`,
      [portalId, signal, JSON.stringify(links.map((l) => ({ company_id: l.companyId, contact_id: l.contactId })))],
    );
  },

  /** Contacts linked to the company again have not left it. */
  async clear(portalId: number, links: readonly ContactLink[]): Promise<void> {
    if (links.length === 0) return;
    await db.query(
      `DELETE FROM contact_departures d USING jsonb_to_recordset($2::jsonb) AS l(company_id text, contact_id text)
       WHERE d.portal_id = $1 AND d.company_id = l.company_id AND d.contact_id = l.contact_id`,
      [portalId, JSON.stringify(links.map((l) => ({ company_id: l.companyId, contact_id: l.contactId })))],
    );
  },

  /** A privacy deletion forgets the contact everywhere, its departures included. */
  async forgetContact(portalId: number, contactId: string): Promise<void> {
    await db.query('DELETE FROM contact_departures WHERE portal_id = $1 AND contact_id = $2', [portalId, contactId]);
  },

  async forgetCompanies(portalId: number, companyIds: readonly string[]): Promise<void> {
    if (companyIds.length === 0) return;
    await db.query('DELETE FROM contact_departures WHERE portal_id = $1 AND company_id = ANY($2::text[])', [portalId, [...companyIds]]);
  },

  async forCompanies(portalId: number, companyIds: readonly string[]): Promise<Map<string, ContactDeparture[]>> {
    const byCompany = new Map<string, ContactDeparture[]>();
    if (companyIds.length === 0) return byCompany;
    const rows = z.array(rowSchema).parse(await db.query(
      `SELECT company_id, contact_id, signal, departed_at FROM contact_departures
       WHERE portal_id = $1 AND company_id = ANY($2::text[]) ORDER BY company_id, contact_id`, [portalId, [...companyIds]],
    ));
    for (const r of rows) {
      byCompany.set(r.company_id, [...(byCompany.get(r.company_id) ?? []), { contactId: r.contact_id, signal: r.signal, departedAt: r.departed_at.toISOString() }]);
    }
    return byCompany;
  },
});
