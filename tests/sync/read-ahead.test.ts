import { describe, expect, it } from 'vitest';
import { readAhead, readsAhead, started } from '../../src/sync/read-ahead.ts';

/** A read the test answers when it chooses. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('reading ahead of the writes', () => {
  it('when pages arrive while the last one is being written, then they are handed over together, in order, and reads go on meanwhile', async () => {
    const reads = Array.from({ length: 6 }, () => deferred<number>());
    let inFlight = 0;
    let mostInFlight = 0;
    async function* source() {
      for (const [i, read] of reads.entries()) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        yield started(read.promise.finally(() => { inFlight -= 1; }).then(() => i));
      }
    }
    const batches = readsAhead(source(), { depth: 3, least: 1 });
    const first = batches.next();
    reads[0]?.resolve(0);
    expect((await first).value).toEqual([0]);
    // While page 0 is "written", pages 1 and 2 arrive and page 3 is already asked for.
    reads[1]?.resolve(1);
    reads[2]?.resolve(2);
    await settle();
    expect(inFlight).toBe(1);
    expect((await batches.next()).value).toEqual([1, 2]);
    for (const read of reads.slice(3)) read.resolve(0);
    const rest: number[][] = [];
    for await (const batch of batches) rest.push(batch);
    expect(rest.flat()).toEqual([3, 4, 5]);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  });

  it('when the writer is faster than the reads, then it waits for its fewest pages while the reads after them go on, and takes fewer only at the end', async () => {
    const reads = Array.from({ length: 7 }, () => deferred<number>());
    let asked = 0;
    async function* source() {
      for (const [i, read] of reads.entries()) {
        asked += 1;
        yield started(read.promise.then(() => i));
      }
    }
    const batches = readsAhead(source(), { depth: 4, least: 3 });
    const first = batches.next();
    reads[0]?.resolve(0);
    reads[1]?.resolve(1);
    await settle();
    // Two pages are in, the writer waits for a third, and the pages after it are already asked for.
    expect(asked).toBe(6);
    reads[2]?.resolve(2);
    expect((await first).value).toEqual([0, 1, 2]);
    for (const read of reads.slice(3)) read.resolve(0);
    const rest: number[][] = [];
    for await (const batch of batches) rest.push(batch);
    expect(rest).toEqual([[3, 4, 5, 6]]);
  });

  it('when a read fails while earlier pages are waiting, then those pages are handed over first and the failure comes at its turn', async () => {
    async function* pages() {
      yield 1;
      yield 2;
      throw new Error('HubSpot 500 for page 3');
    }
    const seen: number[][] = [];
    await expect((async () => {
      for await (const batch of readAhead(pages(), { depth: 4, least: 3 })) seen.push(batch);
    })()).rejects.toThrow('HubSpot 500 for page 3');
    expect(seen.flat()).toEqual([1, 2]);
  });

  it('when the writer stops early, then the reads in flight settle and the source is closed', async () => {
    let closed = false;
    const late = deferred<number>();
    async function* source() {
      try {
        yield started(Promise.resolve(1));
        yield started(late.promise);
      } finally {
        closed = true;
      }
    }
    const batches = readsAhead(source(), { depth: 2, least: 1 });
    expect((await batches.next()).value).toEqual([1]);
    const stopping = batches.return(undefined);
    late.resolve(2);
    await stopping;
    expect(closed).toBe(true);
  });
});
