/**
 * Pages of HubSpot reads are requested up to `depth` ahead of the one being written, so HubSpot's time and the
 * store's overlap instead of adding up. Only reads run ahead: pages are still handed over, and so committed with
 * their checkpoints, one at a time in order, so a crash loses nothing but the reads in flight, which the resumed run
 * makes again. `depth` bounds the memory held and the requests a crash can waste.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const pages = source[Symbol.asyncIterator]();
  const inFlight: Array<Promise<IteratorResult<T>>> = [];
  const request = () => {
    const next = pages.next();
    // A read that fails while an earlier page is being written is reported when its turn comes, not as unhandled.
    next.catch(() => undefined);
    inFlight.push(next);
  };
  let finished = false;
  try {
    for (;;) {
      while (inFlight.length < depth) request();
      const next = await (inFlight.shift() as Promise<IteratorResult<T>>);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (an abort, a failed write): let the reads in flight settle before the source is closed.
    if (!finished) {
      await Promise.allSettled(inFlight);
      await pages.return?.(undefined);
    }
  }
}

/** Reads known in advance (batch reads by id), up to `depth` at once, handed over in their order. */
export async function* readsAhead<I, T>(inputs: readonly I[], read: (input: I) => Promise<T>, depth: number): AsyncGenerator<{ input: I; page: T }> {
  const inFlight: Array<Promise<{ input: I; page: T }>> = [];
  let started = 0;
  try {
    while (started < inputs.length || inFlight.length > 0) {
      while (inFlight.length < depth && started < inputs.length) {
        const input = inputs[started] as I;
        started += 1;
        const next = read(input).then((page) => ({ input, page }));
        next.catch(() => undefined);
        inFlight.push(next);
      }
      yield await (inFlight.shift() as Promise<{ input: I; page: T }>);
    }
  } finally {
    await Promise.allSettled(inFlight);
  }
}
