import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { storeBackends } from '../helpers/stores.ts';

describe.each(storeBackends())('rescore requests on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when several syncs ask for overlapping companies before the score job runs, then the job takes each company once', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(1, ['10', '11']);
    await requests.add(1, ['11', '12']);
    await requests.add(2, ['99']);
    expect([...(await requests.take(1) ?? [])].sort()).toEqual(['10', '11', '12']);
    expect(await requests.take(1)).toEqual([]);
    expect(await requests.take(2)).toEqual(['99']);
  });

  it('when any request asks for every customer, then the job rescores all of them', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(3, ['10']);
    await requests.add(3);
    expect(await requests.take(3)).toBeUndefined();
  });
});
