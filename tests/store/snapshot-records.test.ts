import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { snapshotRepository } from '../../src/store/snapshot-repository.ts';
import { storeBackends } from '../helpers/stores.ts';

const PORTAL = 6363;
const AT = '2026-11-01T08:30:00.250Z';

describe.each(storeBackends())('the synced records scoring reads, on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'companies', ['1', '2'].map((id) => ({ id, properties: { name: `Company ${id}` }, updatedAt: AT })));
    await crm.upsertObjects(PORTAL, 'emails', [
      { id: 'e1', properties: { hs_timestamp: AT, hs_email_subject: 'Renewal' }, updatedAt: AT },
      { id: 'e2', properties: { hs_timestamp: AT, hs_email_subject: null }, updatedAt: AT },
    ]);
    await crm.upsertObjects(PORTAL, 'emails', [{ id: 'e3', properties: { hs_timestamp: AT }, updatedAt: AT }]);
    await crm.insertLinks(PORTAL, 'emails', [{ child: 'e1', company: '1' }, { child: 'e2', company: '1' }, { child: 'e3', company: '2' }]);
  });
  afterAll(async () => cleanup());

  it('when records were written by this release, then each company\'s history holds them as written, with when HubSpot last changed them', async () => {
    const [first] = await snapshotRepository(db).histories(PORTAL, ['1']);
    expect(first?.engagements.emails).toEqual([
      { id: 'e1', properties: { hs_timestamp: AT, hs_email_subject: 'Renewal' }, updatedAt: AT },
      { id: 'e2', properties: { hs_timestamp: AT, hs_email_subject: null }, updatedAt: AT },
    ]);
  });

  it('when a page names a company twice, then its history holds each of its records once', async () => {
    const histories = await snapshotRepository(db).histories(PORTAL, ['1', '1']);
    expect(histories.map((h) => h.engagements.emails.map((e) => e.id))).toEqual([['e1', 'e2']]);
  });

  it('when a stored record was written before properties were stamped and holds a value that is not text, then reading it fails instead of handing scoring a number', async () => {
    await db.query(`UPDATE crm_objects SET properties = '{"hs_timestamp": 1}'::jsonb, properties_shape = NULL WHERE portal_id = $1 AND object_id = 'e3'`, [PORTAL]);
    await expect(snapshotRepository(db).histories(PORTAL, ['2'])).rejects.toThrow();
    await db.query(`UPDATE crm_objects SET properties = $2::jsonb WHERE portal_id = $1 AND object_id = 'e3'`, [PORTAL, JSON.stringify({ hs_timestamp: AT })]);
    const [second] = await snapshotRepository(db).histories(PORTAL, ['2']);
    expect(second?.engagements.emails).toEqual([{ id: 'e3', properties: { hs_timestamp: AT }, updatedAt: AT }]);
  });

  it('when an older read arrives for a record stored before properties were stamped, then the record keeps its stored properties unstamped, so they are still parsed', async () => {
    await db.query(`UPDATE crm_objects SET properties_shape = NULL WHERE portal_id = $1 AND object_id = 'e1'`, [PORTAL]);
    await crmRepository(db).upsertObjects(PORTAL, 'emails', [{ id: 'e1', properties: { hs_timestamp: AT, hs_email_subject: 'Older' }, updatedAt: '2026-10-01T00:00:00.000Z' }]);
    const shape = async () => (await db.query<{ properties_shape: string | null }>(`SELECT properties_shape FROM crm_objects WHERE portal_id = $1 AND object_id = 'e1'`, [PORTAL]))[0]?.properties_shape;
    expect(await shape()).toBeNull();
    const [first] = await snapshotRepository(db).histories(PORTAL, ['1']);
    expect(first?.engagements.emails[0]?.properties.hs_email_subject).toBe('Renewal');
    await crmRepository(db).upsertObjects(PORTAL, 'emails', [{ id: 'e1', properties: { hs_timestamp: AT, hs_email_subject: 'Newer' }, updatedAt: '2026-11-02T00:00:00.000Z' }]);
    expect(await shape()).not.toBeNull();
  });
});
