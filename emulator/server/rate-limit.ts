/** A rolling window log: at most `max` accepted requests in any `intervalMs`, as HubSpot's burst limit counts. */
export class RollingWindow {
  readonly max: number;
  readonly intervalMs: number;
  private times: number[] = [];
  private head = 0;

  constructor(max: number, intervalMs: number) {
    this.max = max;
    this.intervalMs = intervalMs;
  }

  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.intervalMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  remaining(now: number): number {
    this.prune(now);
    return Math.max(0, this.max - (this.times.length - this.head));
  }

  /** Takes one slot if free; rejected requests do not count against the window. */
  take(now: number): boolean {
    if (this.remaining(now) === 0) return false;
    this.times.push(now);
    return true;
  }

  /** Milliseconds until the oldest counted request leaves the window. */
  retryAfterMs(now: number): number {
    this.prune(now);
    const oldest = this.times[this.head];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.intervalMs - now);
  }
}

export interface RateLimitOptions {
  /** Requests per rolling window per portal (HubSpot OAuth apps: 100 per 10 s). */
  perWindow?: number;
  windowMs?: number;
  /** Search requests per second per portal (HubSpot: 4). */
  searchPerSecond?: number;
  /** false turns rate limiting off entirely. */
  enabled?: boolean;
}

export interface PortalLimiters { burst: RollingWindow; search: RollingWindow }

export const makeLimiters = (options: RateLimitOptions, timeScale: number): PortalLimiters => ({
  burst: new RollingWindow(options.perWindow ?? 100, Math.max(1, (options.windowMs ?? 10_000) * timeScale)),
  search: new RollingWindow(options.searchPerSecond ?? 4, Math.max(1, 1000 * timeScale)),
});
