/** Time as the limiter and the retry loop see it; injected so tests run on a fake clock. */
export interface Timers {
  now(): number;
  sleep(ms: number): Promise<void>;
}

// Monotonic and sub-millisecond: a wall clock that steps or rounds down could let a request in a hair early.
export const systemTimers: Timers = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface WindowBudget {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** HubSpot's burst budget per installed account: 100 requests per rolling 10 s for public OAuth apps. */
  requestsPerWindow: number;
  windowMs: number;
  /** Search endpoints are exempt from the burst budget and have their own per-second one. */
  searchRequestsPerWindow: number;
  searchWindowMs: number;
}

export const defaultRateLimits: RateLimits = {
  requestsPerWindow: 100,
  windowMs: 10_000,
  searchRequestsPerWindow: 4,
  searchWindowMs: 1_000,
};

export type Release = () => void;

export interface Limiter {
  /** Resolves when a request may start; call the returned release once its response has been read. */
  acquire(): Promise<Release>;
  /** Holds every later request back for ms, as after a 429 that says the portal's budget is spent. */
  pauseFor(ms: number): void;
  snapshot(): { inFlight: number; queued: number; inWindow: number };
}

/**
 * A rolling-window limiter. A request holds its slot from the moment it starts until one window after its response
 * arrived: HubSpot counts a request when it arrives, somewhere between those two instants, so no window of HubSpot's
 * can ever see more than `max` of ours, whatever the latency.
 */
export const createRollingWindowLimiter = (budget: WindowBudget, timers: Timers = systemTimers): Limiter => {
  let inFlight = 0;
  const leavesWindowAt: number[] = [];
  const waiters: Array<(release: Release) => void> = [];
  let pausedUntil = 0;
  let wakeAt: number | undefined;

  const wakeUpAt = (at: number): void => {
    if (wakeAt !== undefined && wakeAt <= at) return;
    wakeAt = at;
    void timers.sleep(at - timers.now()).then(() => {
      if (wakeAt === at) wakeAt = undefined;
      drain();
    });
  };

  const releaser = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      leavesWindowAt.push(timers.now() + budget.windowMs);
      drain();
    };
  };

  const drain = (): void => {
    while (waiters.length > 0) {
      const now = timers.now();
      while (leavesWindowAt.length > 0 && (leavesWindowAt[0] ?? 0) <= now) leavesWindowAt.shift();
      if (now < pausedUntil) return wakeUpAt(pausedUntil);
      if (inFlight + leavesWindowAt.length >= budget.max) {
        // With every slot in flight, the next release drains the queue instead of a timer.
        const next = leavesWindowAt[0];
        return next === undefined ? undefined : wakeUpAt(next);
      }
      inFlight += 1;
      waiters.shift()?.(releaser());
    }
  };

  return {
    acquire: () => new Promise<Release>((resolve) => {
      waiters.push(resolve);
      drain();
    }),
    pauseFor: (ms) => {
      pausedUntil = Math.max(pausedUntil, timers.now() + ms);
    },
    snapshot: () => ({ inFlight, queued: waiters.length, inWindow: leavesWindowAt.filter((t) => t > timers.now()).length }),
  };
};

export interface PortalLimiters {
  standard: Limiter;
  search: Limiter;
}

/** One pair of limiters per portal, created on first use: all work for a portal shares it, portals never share. */
export const createPortalLimiterGroup = (limits: RateLimits, timers: Timers = systemTimers) => {
  const byPortal = new Map<number, PortalLimiters>();
  return {
    forPortal(portalId: number): PortalLimiters {
      let limiters = byPortal.get(portalId);
      if (!limiters) {
        limiters = {
          standard: createRollingWindowLimiter({ max: limits.requestsPerWindow, windowMs: limits.windowMs }, timers),
          search: createRollingWindowLimiter({ max: limits.searchRequestsPerWindow, windowMs: limits.searchWindowMs }, timers),
        };
        byPortal.set(portalId, limiters);
      }
      return limiters;
    },
  };
};
