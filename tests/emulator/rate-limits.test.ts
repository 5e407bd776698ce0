import { describe, expect, it } from 'vitest';
import { useEmulator, V } from './emulator-kit.ts';

// 100 requests per window as HubSpot (1 s burst and 100 ms search windows, compressed tenfold). The rate clock only
// moves when a test moves it, so a burst lands in one window however slowly a loaded machine sends it.
let rateNow = 0;
const env = useEmulator({ timeScale: 0.1, rateClock: () => rateNow });
const nextWindow = () => { rateNow += 1_100; };

describe('emulated HubSpot rate limits', () => {
  it('when a portal spends its 100 requests in the window, then the next is a 429 TEN_SECONDLY_ROLLING with HubSpot\'s headers, and the window frees up later', async () => {
    const { api, emulator } = env;
    emulator.resetStats();
    nextWindow();
    const answers = await Promise.all(Array.from({ length: 101 }, () => api.get(`${V}/companies?limit=1`)));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0]?.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(typeof limited[0]?.body.correlationId).toBe('string');
    expect(limited[0]?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    const ok = answers.find((a) => a.status === 200);
    expect(ok?.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(ok?.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('1000');
    nextWindow();
    expect((await api.get(`${V}/companies?limit=1`)).status).toBe(200);
    const portalStats = emulator.stats().byPortal[String(emulator.portals[0]!.portalId)];
    expect(portalStats?.rateLimited).toBe(1);
    expect(portalStats?.byEndpoint['GET /crm/objects/2026-03/companies']?.byStatus['429']).toBe(1);
  });

  it('when search is called five times within its second, then the fifth is a 429 SECONDLY without ten-secondly headers', async () => {
    nextWindow();
    const answers = await Promise.all(Array.from({ length: 5 }, () => env.api.post(`${V}/companies/search`, { limit: 1 })));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0]?.body).toMatchObject({ policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    expect(answers.every((a) => a.headers.get('x-hubspot-ratelimit-max') === null)).toBe(true);
  });

  it('when the limit is raised at run time, then the same burst passes', async () => {
    env.emulator.setLimits({ perWindow: 150 });
    nextWindow();
    const answers = await Promise.all(Array.from({ length: 120 }, () => env.api.get(`${V}/companies?limit=1`)));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(0);
    env.emulator.setLimits({});
  });
});
