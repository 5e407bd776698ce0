import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalClient } from '../../src/hubspot/client.ts';
import type { HubSpotObject } from '../../src/hubspot/schemas.ts';
import { webhookEventsRepository } from '../../src/store/webhook-events-repository.ts';
import { processWebhookEvents } from '../../src/sync/apply-webhook-events.ts';
import { runFullSync } from '../../src/sync/full-sync.ts';
import { storedValue } from './change-scenarios.ts';
import { startHarness, type Harness } from './sync-harness.ts';

const TITLE = 'Chief Customer Officer';

describe('a full sync and webhook processing at the same time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 29 });
  });
  afterAll(async () => h.close());

  it('when a webhook stores a newer contact while the sync holds an older read of it, then the sync\'s later commit does not undo it', async () => {
    const { store } = h.emulator.state.portal(h.portalId);
    const customerContact = (records: readonly HubSpotObject[]) => records.find((r) => {
      const companyId = store.get('contacts', r.id)?.companyId;
      return typeof companyId === 'string' && store.get('companies', companyId)?.properties.lifecyclestage === 'customer' && r.properties.jobtitle !== TITLE;
    });
    let changed: { id: string; companyId: string } | undefined;
    // The webhook path runs to completion between the sync's read of a contacts page and that page's commit.
    const interleave = async (records: readonly HubSpotObject[]) => {
      const contact = changed ? undefined : customerContact(records);
      if (!contact) return;
      changed = { id: contact.id, companyId: store.get('contacts', contact.id)?.companyId ?? '' };
      h.emulator.mutate.setContactTitle({ portalId: h.portalId, contactId: contact.id, jobtitle: TITLE });
      await webhookEventsRepository(h.db).insert(h.portalId, [{
        eventId: 'interleaved-1',
        payload: { eventId: 'interleaved-1', portalId: h.portalId, subscriptionType: 'contact.propertyChange', objectId: contact.id, propertyName: 'jobtitle', propertyValue: TITLE },
      }]);
      const applied = await processWebhookEvents(h.deps, h.portalId);
      expect(applied.processed).toBe(1);
      expect((await storedValue(h.db, h.portalId, { type: 'contacts', id: contact.id, property: 'jobtitle', value: TITLE, companyId: '' })).value).toBe(TITLE);
    };
    const wrap = (client: PortalClient): PortalClient => ({
      ...client,
      async *listObjects(type, options) {
        for await (const page of client.listObjects(type, options)) {
          if (type === 'contacts') await interleave(page.results);
          yield page;
        }
      },
      async batchRead(type, ids, properties) {
        const read = await client.batchRead(type, ids, properties);
        if (type === 'contacts') await interleave(read.results);
        return read;
      },
    });
    const syncDeps = { ...h.deps, hubspot: { forPortal: (id: number) => wrap(h.hubspot.forPortal(id)), stats: (id: number) => h.hubspot.stats(id) } };

    await runFullSync(syncDeps, h.portalId);

    expect(changed).toBeDefined();
    const change = { type: 'contacts', id: changed?.id ?? '', property: 'jobtitle', value: TITLE, companyId: changed?.companyId ?? '' };
    expect(await storedValue(h.db, h.portalId, change)).toEqual({ value: TITLE, companies: [change.companyId] });
  });
});
