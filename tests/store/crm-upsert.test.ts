import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { storeBackends } from '../helpers/stores.ts';

const PORTAL = 4242;

describe.each(storeBackends())('CRM upserts on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  const stored = async (id: string) => (await db.query<{ properties: Record<string, string>; synced_at: Date }>(
    "SELECT properties, synced_at FROM crm_objects WHERE portal_id = $1 AND object_type = 'contacts' AND object_id = $2", [PORTAL, id]))[0];

  it('when an older read of a record commits after a newer one, then the store keeps the newer and reports the older as stale', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [{ id: '1', properties: { jobtitle: 'VP' }, updatedAt: '2026-11-20T10:00:00.000Z' }]);
    const seenBefore = (await stored('1'))?.synced_at;
    const older = await crm.upsertObjects(PORTAL, 'contacts', [{ id: '1', properties: { jobtitle: 'Intern' }, updatedAt: '2026-11-19T10:00:00.000Z' }]);
    expect(older).toEqual({ changed: [], stale: ['1'] });
    const after = await stored('1');
    expect(after?.properties).toEqual({ jobtitle: 'VP' });
    // Still seen by the run that read it: the end-of-sync sweep must not drop it.
    expect(new Date(after?.synced_at ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(seenBefore ?? 0).getTime());
  });

  it('when a newer or equally recent read arrives, then it replaces what is stored', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [{ id: '2', properties: { jobtitle: 'VP' }, updatedAt: '2026-11-20T10:00:00.000Z' }]);
    expect(await crm.upsertObjects(PORTAL, 'contacts', [{ id: '2', properties: { jobtitle: 'CEO' }, updatedAt: '2026-11-21T10:00:00.000Z' }]))
      .toEqual({ changed: ['2'], stale: [] });
    expect(await crm.upsertObjects(PORTAL, 'contacts', [{ id: '2', properties: { jobtitle: 'CFO' }, updatedAt: '2026-11-21T10:00:00.000Z' }]))
      .toEqual({ changed: ['2'], stale: [] });
    expect((await stored('2'))?.properties).toEqual({ jobtitle: 'CFO' });
  });

  it('when one page holds two reads of the same record, then the newer one is stored', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [
      { id: '3', properties: { jobtitle: 'new' }, updatedAt: '2026-11-22T10:00:00.000Z' },
      { id: '3', properties: { jobtitle: 'old' }, updatedAt: '2026-11-01T10:00:00.000Z' },
    ]);
    expect((await stored('3'))?.properties).toEqual({ jobtitle: 'new' });
  });

  const titleOf = async (type: string, id: string) => (await db.query<{ previous_jobtitle: string | null; jobtitle_changed_at: Date | null }>(
    'SELECT previous_jobtitle, jobtitle_changed_at FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = $3', [PORTAL, type, id]))[0];

  it('when a contact is read again with another job title, then the store keeps the previous title and when it changed', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [
      { id: '10', properties: { jobtitle: 'VP Operations' }, updatedAt: '2026-10-01T10:00:00.000Z' },
      { id: '11', properties: { jobtitle: 'Head of IT' }, updatedAt: '2026-10-01T10:00:00.000Z' },
    ]);
    expect(await titleOf('contacts', '10')).toEqual({ previous_jobtitle: null, jobtitle_changed_at: null });
    await crm.upsertObjects(PORTAL, 'contacts', [
      { id: '10', properties: { jobtitle: 'Advisor' }, updatedAt: '2026-11-05T09:00:00.000Z' },
      { id: '11', properties: { jobtitle: ' head of IT ' }, updatedAt: '2026-11-05T09:00:00.000Z' },
    ]);
    expect(await titleOf('contacts', '10')).toEqual({ previous_jobtitle: 'VP Operations', jobtitle_changed_at: new Date('2026-11-05T09:00:00.000Z') });
    // Case and spaces are typing, not a new role.
    expect(await titleOf('contacts', '11')).toEqual({ previous_jobtitle: null, jobtitle_changed_at: null });
    // A later read with the same title keeps the change on record.
    await crm.upsertObjects(PORTAL, 'contacts', [{ id: '10', properties: { jobtitle: 'Advisor', email: 'a@b.c' }, updatedAt: '2026-11-20T09:00:00.000Z' }]);
    expect(await titleOf('contacts', '10')).toMatchObject({ previous_jobtitle: 'VP Operations' });
  });

  it('when a title is cleared, read stale or changes on a record that is not a contact, then no title change is recorded', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [
      { id: '12', properties: { jobtitle: 'CFO' }, updatedAt: '2026-11-10T10:00:00.000Z' },
      { id: '13', properties: { jobtitle: 'CTO' }, updatedAt: '2026-11-10T10:00:00.000Z' },
    ]);
    await crm.upsertObjects(PORTAL, 'contacts', [
      { id: '12', properties: { jobtitle: null }, updatedAt: '2026-11-11T10:00:00.000Z' },
      { id: '13', properties: { jobtitle: 'Intern' }, updatedAt: '2026-11-01T10:00:00.000Z' },
    ]);
    expect(await titleOf('contacts', '12')).toEqual({ previous_jobtitle: null, jobtitle_changed_at: null });
    expect(await titleOf('contacts', '13')).toEqual({ previous_jobtitle: null, jobtitle_changed_at: null });
    await crm.upsertObjects(PORTAL, 'deals', [{ id: '12', properties: { jobtitle: 'one' } }]);
    await crm.upsertObjects(PORTAL, 'deals', [{ id: '12', properties: { jobtitle: 'two' } }]);
    expect(await titleOf('deals', '12')).toEqual({ previous_jobtitle: null, jobtitle_changed_at: null });
  });

  it('when a read carries no modification time, then it is taken as it is', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [{ id: '4', properties: { jobtitle: 'VP' }, updatedAt: '2026-11-20T10:00:00.000Z' }]);
    expect(await crm.upsertObjects(PORTAL, 'contacts', [{ id: '4', properties: { jobtitle: 'COO' } }])).toEqual({ changed: ['4'], stale: [] });
    expect((await stored('4'))?.properties).toEqual({ jobtitle: 'COO' });
  });

  it('when a full sync writes a page without asking what changed, then newer stored reads are kept and the rest written', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'contacts', [{ id: '5', properties: { jobtitle: 'VP' }, updatedAt: '2026-11-20T10:00:00.000Z' }]);
    await crm.writeObjects(PORTAL, 'contacts', [
      { id: '5', properties: { jobtitle: 'Intern' }, updatedAt: '2026-11-19T10:00:00.000Z' },
      { id: '6', properties: { jobtitle: 'old' }, updatedAt: '2026-11-01T10:00:00.000Z' },
      { id: '6', properties: { jobtitle: 'CTO' }, updatedAt: '2026-11-22T10:00:00.000Z' },
    ]);
    expect((await stored('5'))?.properties).toEqual({ jobtitle: 'VP' });
    expect((await stored('6'))?.properties).toEqual({ jobtitle: 'CTO' });
  });
  it('when a full sync writes more records and links at once than one statement takes, then every one of them is stored', async () => {
    const crm = crmRepository(db);
    const records = Array.from({ length: 1_234 }, (_, i) => ({ id: `bulk${i}`, properties: { jobtitle: `T${i}` }, updatedAt: '2026-11-20T10:00:00.000Z' }));
    await db.transaction((tx) => crmRepository(tx).writeObjects(PORTAL, 'calls', records));
    const links = new Map(Array.from({ length: 1_100 }, (_, i) => [`co${i}`, [`bulk${2 * i}`, `bulk${(2 * i + 1) % 1_234}`]]));
    await db.transaction((tx) => crmRepository(tx).replaceCompanyLinks(PORTAL, 'calls', links));
    const [objects] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM crm_objects WHERE portal_id = $1 AND object_type = 'calls'", [PORTAL]);
    const [pairs] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM crm_associations WHERE portal_id = $1 AND from_type = 'calls'", [PORTAL]);
    expect(objects?.n).toBe(1_234);
    expect(pairs?.n).toBe(2_200);
    expect((await crm.companyLinksOfType(PORTAL, 'calls', ['co1099'])).get('bulk965')).toEqual(['co1099']);
  });
  it('when links are replaced by the only writer and HubSpot lists a child twice, then the link is stored once', async () => {
    await db.transaction((tx) => crmRepository(tx).replaceCompanyLinks(PORTAL, 'notes', new Map([['c1', ['n1', 'n1', 'n2']]])));
    await db.transaction((tx) => crmRepository(tx).replaceCompanyLinks(PORTAL, 'notes', new Map([['c1', ['n2', 'n3', 'n3']], ['c2', ['n2']]]), { soleWriter: true }));
    await db.transaction((tx) => crmRepository(tx).replaceChildLinks(PORTAL, 'notes', new Map([['n4', ['c2', 'c2']]]), { soleWriter: true }));
    expect([...(await crmRepository(db).companyLinksOfType(PORTAL, 'notes', ['c1', 'c2']))]).toEqual([['n2', ['c1', 'c2']], ['n3', ['c1']], ['n4', ['c2']]]);
  });
});
