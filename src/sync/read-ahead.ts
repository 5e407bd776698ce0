/**
 * HubSpot reads are requested up to `depth` ahead of the pages being written, so HubSpot's time and the store's
 * overlap instead of adding up. Only reads run ahead: pages are handed over, and so committed with their
 * checkpoints, in order; a crash loses nothing but the reads in flight, which the resumed run makes again. `depth`
 * bounds the memory held and the requests a crash can waste.
 *
 * Each hand-over is every page that has arrived by then, at least `least` of them (fewer only where the source
 * ends) and at most `depth`: when the store is slower than HubSpot, the pages that came in while the last ones were
 * written go into one commit, and when it is faster, it waits for a few, so the store's cost per statement and per
 * commit is shared by several pages either way. Reads go on while it waits.
 */
type Slot<T> = { result: Promise<IteratorResult<T>>; state: 'pending' | 'fulfilled' | 'rejected' };

const slot = <T>(result: Promise<IteratorResult<T>>): Slot<T> => {
  const tracked: Slot<T> = { result, state: 'pending' };
  // A read that fails while earlier pages are being written is reported when its turn comes, not as unhandled.
  result.then(() => { tracked.state = 'fulfilled'; }, () => { tracked.state = 'rejected'; });
  return tracked;
};

export interface AheadBounds {
  /** Reads in flight, and the most pages one hand-over holds. */
  depth: number;
  /** The fewest pages a hand-over holds unless the source ends first. */
  least: number;
}

async function* batchesOf<T>(start: () => Promise<IteratorResult<T>>, { depth, least }: AheadBounds, close: () => Promise<void>): AsyncGenerator<T[]> {
  const inFlight: Array<Slot<T>> = [];
  const refill = (): void => {
    while (inFlight.length < depth) inFlight.push(slot(start()));
  };
  let done = false;
  try {
    while (!done) {
      refill();
      const first = await (inFlight.shift() as Slot<T>).result;
      if (first.done) {
        done = true;
        break;
      }
      const batch = [first.value];
      while (!done && batch.length < depth && (batch.length < least || inFlight[0]?.state === 'fulfilled')) {
        // While it waits for its fewest pages, the reads after them are already asked for.
        if (batch.length < least) refill();
        const head = inFlight[0] as Slot<T>;
        await head.result.catch(() => undefined);
        // The pages in hand are handed over first; the failure comes at its turn.
        if (head.state === 'rejected') break;
        inFlight.shift();
        const next = await head.result;
        if (next.done) done = true;
        else batch.push(next.value);
      }
      // The next reads start before this batch is written, so the store's time overlaps HubSpot's.
      if (!done) refill();
      yield batch;
    }
  } finally {
    // Stopped early (an abort, a failed write): let the reads in flight settle before the source is closed.
    await Promise.allSettled(inFlight.map((s) => s.result));
    if (!done) await close();
  }
}

/** Pages of a source that pages itself (each request needs the last one's cursor), read ahead while pages are written. */
export const readAhead = <T>(source: AsyncIterable<T>, bounds: AheadBounds): AsyncGenerator<T[]> => {
  const pages = source[Symbol.asyncIterator]();
  return batchesOf(() => pages.next(), bounds, async () => {
    await pages.return?.(undefined);
  });
};

/** A read already started by a source, wrapped so that yielding it from an async generator does not await it. */
export interface Started<T> {
  read: Promise<T>;
}

export const started = <T>(read: Promise<T>): Started<T> => {
  read.catch(() => undefined);
  return { read };
};

/**
 * Reads a source starts itself (batch reads by id, whose ids it may learn from an earlier read), up to `depth` at once,
 * handed over in the source's order. The source runs ahead only as far as the reads in flight allow.
 */
export const readsAhead = <T>(source: AsyncIterable<Started<T>>, bounds: AheadBounds): AsyncGenerator<T[]> => {
  const reads = source[Symbol.asyncIterator]();
  return batchesOf(
    () => reads.next().then((next) => (next.done ? next : next.value.read.then((value) => ({ done: false as const, value })))),
    bounds,
    async () => {
      await reads.return?.(undefined);
    },
  );
};
