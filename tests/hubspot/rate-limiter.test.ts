import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPortalLimiterGroup, createRollingWindowLimiter, defaultRateLimits, type Limiter } from '../../src/hubspot/rate-limiter.ts';

interface Span { startedAt: number; finishedAt: number }

/** Runs n requests through the limiter, `concurrency` at a time, each taking latencyMs on the fake clock. */
const runRequests = async (limiter: Limiter, n: number, concurrency: number, latencyMs: (i: number) => number): Promise<Span[]> => {
  const spans: Span[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const release = await limiter.acquire();
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, latencyMs(i)));
      spans.push({ startedAt, finishedAt: Date.now() });
      release();
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker));
  await vi.runAllTimersAsync();
  await done;
  return spans;
};

/** The most requests HubSpot could count in one window: any request whose flight overlaps it may have arrived in it. */
const worstWindowCount = (spans: Span[], windowMs: number): number =>
  Math.max(...spans.map((s) => spans.filter((o) => o.startedAt <= s.startedAt && o.finishedAt > s.startedAt - windowMs).length));

describe('rolling-window rate limiter', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('when 250 requests race through one portal, then no 10 s window can hold more than 100 and none waits needlessly', async () => {
    const limiter = createRollingWindowLimiter({ max: 100, windowMs: 10_000 });
    const started = Date.now();
    const spans = await runRequests(limiter, 250, 20, (i) => 20 + (i * 37) % 300);

    expect(spans).toHaveLength(250);
    expect(worstWindowCount(spans, 10_000)).toBeLessThanOrEqual(100);
    // Two full windows of waiting plus latency: the budget is used, not wasted.
    const lastStart = Math.max(...spans.map((s) => s.startedAt)) - started;
    expect(lastStart).toBeGreaterThanOrEqual(20_000);
    expect(lastStart).toBeLessThan(21_000);
  });

  it('when search requests queue up, then at most 4 start in any second', async () => {
    const limiter = createRollingWindowLimiter({ max: 4, windowMs: 1_000 });
    const spans = await runRequests(limiter, 20, 10, () => 15);
    expect(worstWindowCount(spans, 1_000)).toBeLessThanOrEqual(4);
  });

  it('when a portal is paused after a 429, then its queued requests wait the pause out', async () => {
    const limiter = createRollingWindowLimiter({ max: 100, windowMs: 10_000 });
    const started = Date.now();
    limiter.pauseFor(3_000);
    const spans = await runRequests(limiter, 3, 3, () => 10);
    expect(Math.min(...spans.map((s) => s.startedAt)) - started).toBe(3_000);
  });

  it('when one portal is paused or out of budget, then another portal starts at once', async () => {
    const group = createPortalLimiterGroup(defaultRateLimits);
    const busy = group.forPortal(1).standard;
    busy.pauseFor(10_000);
    const started = Date.now();
    const waiting = runRequests(busy, 150, 10, () => 10);
    const other = await new Promise<number>((resolve) => {
      void group.forPortal(2).standard.acquire().then((release) => { resolve(Date.now()); release(); });
      void vi.advanceTimersByTimeAsync(0);
    });
    expect(other - started).toBe(0);
    expect(group.forPortal(1)).toBe(group.forPortal(1));
    await waiting;
  });
});
