import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { storeBackends } from '../helpers/stores.ts';

const PORTAL = 4343;

describe.each(storeBackends())('the end-of-sync sweep on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when a run did not see some records, then they go with every link touching them, and a link to a record never stored goes too', async () => {
    const crm = crmRepository(db);
    await crm.upsertObjects(PORTAL, 'companies', [{ id: 'c1', properties: {} }, { id: 'c2', properties: {} }]);
    await crm.upsertObjects(PORTAL, 'emails', [{ id: 'e1', properties: {} }, { id: 'e2', properties: {} }]);
    const [{ now } = { now: new Date() }] = await db.query<{ now: Date }>('SELECT now() AS now');
    const runStartedAt = new Date(new Date(now).getTime() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await crm.upsertObjects(PORTAL, 'companies', [{ id: 'c1', properties: {} }]);
    await crm.upsertObjects(PORTAL, 'emails', [{ id: 'e1', properties: {} }]);
    // e1 and c1 seen by the run; e2 and c2 not; e9 was linked but never read.
    await crm.insertLinks(PORTAL, 'emails', [{ child: 'e1', company: 'c1' }, { child: 'e1', company: 'c2' }, { child: 'e2', company: 'c1' }, { child: 'e9', company: 'c1' }]);
    expect(await crm.sweepUnseen(PORTAL, runStartedAt)).toBe(2);
    expect(await crm.linksOf(PORTAL, 'emails', ['e1', 'e2', 'e9'])).toEqual(new Map([['e1', ['c1']]]));
  });
});
