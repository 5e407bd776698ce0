import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { storeBackends } from '../helpers/stores.ts';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const sorted = (ids: readonly string[] | undefined) => (ids === undefined ? undefined : [...ids].sort());

describe.each(storeBackends())('rescore requests on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when several syncs ask for overlapping companies before the score job runs, then the job claims each company once', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(1, ['10', '11']);
    await requests.add(1, ['11', '12']);
    await requests.add(2, ['99']);
    expect(sorted(await requests.claim(1, 'job-a', NOW))).toEqual(['10', '11', '12']);
    expect(await requests.claim(2, 'job-b', NOW)).toEqual(['99']);
  });

  it('when any request asks for every customer, then the job rescores all of them', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(3, ['10']);
    await requests.add(3);
    expect(await requests.claim(3, 'job-c', NOW)).toBeUndefined();
  });

  it('when the job has claimed its requests, then they stay pending until it releases them, and then nothing is left', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(4, ['10']);
    await requests.claim(4, 'job-d', NOW);
    expect(await requests.isPending(4, '10')).toBe(true);

    await requests.release(4, 'job-d');

    expect(await requests.isPending(4, '10')).toBe(false);
    expect(await requests.claim(4, 'job-e', NOW)).toEqual([]);
  });

  it('when a job died holding its claim, then the retry or the portal\'s next job claims the same companies', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(5, ['10', '11']);
    await requests.claim(5, 'job-dead', NOW);

    expect(sorted(await requests.claim(5, 'job-dead', NOW))).toEqual(['10', '11']);
    expect(sorted(await requests.claim(5, 'job-next', NOW))).toEqual(['10', '11']);
    // The dead job's late release must not delete what the next job now holds.
    await requests.release(5, 'job-dead');
    expect(await requests.isPending(5, '11')).toBe(true);
  });

  it('when a company is asked for again while a job holds it, then the job\'s release leaves it pending for the next run', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(6, ['10', '11']);
    await requests.claim(6, 'job-f', NOW);
    await requests.add(6, ['11']);

    await requests.release(6, 'job-f');

    expect(await requests.isPending(6, '10')).toBe(false);
    expect(await requests.claim(6, 'job-g', NOW)).toEqual(['11']);
  });

  it('when a job failed and unclaimed, then its requests are pending again', async () => {
    const requests = rescoreRequestsRepository(db);
    await requests.add(7, ['10']);
    await requests.claim(7, 'job-h', NOW);

    await requests.unclaim(7, 'job-h');

    expect(await requests.claim(7, 'job-i', NOW)).toEqual(['10']);
  });
});
