import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { BASE_URL, hubSpotRecord, tokenProvider } from './hubspot-test-kit.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A HubSpot that counts each request when it arrives and rejects the 101st within any rolling 10 s, reached over
 * a network whose latency varies per request, so requests overtake each other on the way in.
 */
const strictHubSpot = (budget = 100, windowMs = 10_000) => {
  const arrivals: number[] = [];
  let calls = 0;
  let rejected = 0;
  const fetchImpl: typeof fetch = async (input) => {
    const n = calls++;
    await sleep((n * 7919) % 400);
    const now = Date.now();
    const inWindow = arrivals.filter((at) => at > now - windowMs).length;
    arrivals.push(now);
    if (inWindow >= budget) {
      rejected += 1;
      return Response.json({ status: 'error', errorType: 'RATE_LIMIT', message: 'limit', correlationId: 'c', policyName: 'TEN_SECONDLY_ROLLING' }, { status: 429 });
    }
    await sleep((n * 104_729) % 250);
    const id = new URL(String(input)).pathname.split('/').at(-1) ?? '0';
    return Response.json(hubSpotRecord(id));
  };
  return { fetchImpl, rejected: () => rejected };
};

describe('staying inside HubSpot\'s burst budget', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('when 250 requests for one portal are fired at once at the strictest budget, then HubSpot rejects none and the budget is used fully', async () => {
    const hubspot = strictHubSpot();
    const client = createHubSpotClient({ baseUrl: BASE_URL, tokenProvider: tokenProvider(), logger: createLogger({ level: 'silent' }), fetchImpl: hubspot.fetchImpl });
    const portal = client.forPortal(31);
    const started = Date.now();
    let finished = false;

    const all = Promise.all(Array.from({ length: 250 }, (_, i) => portal.getObject('companies', String(i + 1), ['name'])))
      .finally(() => { finished = true; });
    while (!finished) await vi.advanceTimersByTimeAsync(50);
    const records = await all;

    expect(records).toHaveLength(250);
    expect(hubspot.rejected()).toBe(0);
    expect(client.stats(31)).toMatchObject({ requests: 250, rateLimited: 0, retries: 0 });
    // Two full windows must pass before the third hundred may start; anything near that means no slack was wasted.
    expect(Date.now() - started).toBeGreaterThan(20_000);
    expect(Date.now() - started).toBeLessThan(22_000);
  });
});
