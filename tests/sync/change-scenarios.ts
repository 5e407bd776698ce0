import type { Emulator } from '../../emulator/server/index.ts';

export interface ExpectedChange {
  type: string;
  id: string;
  property: string;
  value: string;
  companyId: string;
}

type ChildType = 'contacts' | 'deals' | 'tickets';

/** The first customer record of a type that satisfies `pick`, from the emulator's live data. */
const firstCustomerChild = (emulator: Emulator, portalId: number, type: ChildType, pick: (p: Record<string, string | null>) => boolean) => {
  const { store } = emulator.state.portal(portalId);
  for (const record of store.scan(type)) {
    if (record.archived || !record.companyId) continue;
    if (store.get('companies', record.companyId)?.properties.lifecyclestage !== 'customer') continue;
    if (pick(record.properties)) return { id: record.id, companyId: record.companyId };
  }
  throw new Error(`no customer ${type} fits the scenario`);
};

/** The changes the acceptance criteria name, each made "in HubSpot" and then looked for in the store. */
export const changeScenarios: Array<{ name: string; make(emulator: Emulator, portalId: number): ExpectedChange }> = [
  {
    name: 'a new inbound email',
    make(emulator, portalId) {
      const { companyId } = firstCustomerChild(emulator, portalId, 'tickets', () => true);
      const email = emulator.mutate.addEngagement({
        portalId, type: 'emails', companyId, properties: { hs_email_direction: 'INCOMING_EMAIL', hs_email_subject: 'Can we add seats?' },
      });
      return { type: 'emails', id: email.id, property: 'hs_email_direction', value: 'INCOMING_EMAIL', companyId };
    },
  },
  {
    name: 'a ticket closed',
    make(emulator, portalId) {
      const ticket = firstCustomerChild(emulator, portalId, 'tickets', (p) => p.hs_pipeline_stage !== '4');
      emulator.mutate.closeTicket({ portalId, ticketId: ticket.id, at: '2026-11-20T10:00:00.000Z' });
      return { type: 'tickets', id: ticket.id, property: 'closed_date', value: '2026-11-20T10:00:00.000Z', companyId: ticket.companyId };
    },
  },
  {
    name: 'a renewal won',
    make(emulator, portalId) {
      const deal = firstCustomerChild(emulator, portalId, 'deals', (p) => p.dealtype === 'renewal' && p.hs_is_closed !== 'true');
      emulator.mutate.winDeal({ portalId, dealId: deal.id });
      return { type: 'deals', id: deal.id, property: 'hs_is_closed_won', value: 'true', companyId: deal.companyId };
    },
  },
  {
    name: "a contact's title changed",
    make(emulator, portalId) {
      const contact = firstCustomerChild(emulator, portalId, 'contacts', (p) => p.jobtitle !== 'Chief Customer Officer');
      emulator.mutate.setContactTitle({ portalId, contactId: contact.id, jobtitle: 'Chief Customer Officer' });
      return { type: 'contacts', id: contact.id, property: 'jobtitle', value: 'Chief Customer Officer', companyId: contact.companyId };
    },
  },
];

export const storedValue = async (
  db: { query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> }, portalId: number, change: ExpectedChange,
): Promise<{ value: string | null; companies: string[] }> => {
  const rows = await db.query<{ value: string | null }>(
    'SELECT properties->>$4 AS value FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = $3',
    [portalId, change.type, change.id, change.property],
  );
  const links = await db.query<{ company: string }>(
    "SELECT to_id AS company FROM crm_associations WHERE portal_id = $1 AND from_type = $2 AND from_id = $3 AND to_type = 'companies'",
    [portalId, change.type, change.id],
  );
  return { value: rows[0]?.value ?? null, companies: links.map((l) => l.company) };
};
