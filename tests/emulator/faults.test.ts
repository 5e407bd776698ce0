import { describe, expect, it } from 'vitest';
import type { FaultOptions } from '../../emulator/server/index.ts';
import { useEmulator, V } from './emulator-kit.ts';

const env = useEmulator({ limits: { enabled: false } });

const outcomes = async (faults: FaultOptions, count: number): Promise<string[]> => {
  env.emulator.setFaults(faults);
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const answer = await env.api.get(`${V}/companies?limit=2`);
      seen.push(answer.body.unparsable ? 'malformed' : String(answer.status));
    } catch {
      seen.push('dropped');
    }
  }
  return seen;
};

describe('emulated faults', () => {
  it('when the same fault seed is replayed, then the same requests meet the same faults; another seed differs', async () => {
    const faults = { seed: 5, rate429: 0.1, rate5xx: 0.05, dropRate: 0.05, malformedRate: 0.05 };
    const first = await outcomes(faults, 120);
    const second = await outcomes(faults, 120);
    const other = await outcomes({ ...faults, seed: 6 }, 120);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    for (const kind of ['429', 'dropped', 'malformed']) expect(first).toContain(kind);
    expect(first.some((s) => /^5\d\d$/.test(s))).toBe(true);
    expect(first.filter((s) => s === '200').length).toBeGreaterThan(70);
  });

  it('when 10% 429s, 5% 5xx, drops and malformed bodies are injected, then a retrying full read gets exactly the fault-free records', async () => {
    const readAll = async (): Promise<string> => {
      const pages: unknown[] = [];
      let after = '';
      for (;;) {
        let answer;
        for (let attempt = 0; ; attempt++) {
          expect(attempt).toBeLessThan(50);
          answer = await env.api.get(`${V}/deals?limit=100&properties=amount,dealstage${after ? `&after=${after}` : ''}`).catch(() => null);
          if (answer?.status === 200 && !answer.body.unparsable) break;
        }
        pages.push(answer.body.results);
        after = (answer.body.paging as { next?: { after: string } } | undefined)?.next?.after ?? '';
        if (!after) return JSON.stringify(pages);
      }
    };
    const clean = await readAll();
    env.emulator.setFaults({ seed: 3, rate429: 0.1, rate5xx: 0.05, dropRate: 0.03, malformedRate: 0.03 });
    expect(await readAll()).toBe(clean);
  });

  it('when a 429 is injected, then it has HubSpot\'s rate-limit body so clients retry it like a real one', async () => {
    env.emulator.setFaults({ seed: 1, rate429: 1 });
    const answer = await env.api.get(`${V}/companies?limit=1`);
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it('when latency is injected, then answers arrive no sooner than the added delay', async () => {
    env.emulator.setFaults({ seed: 1, latencyRate: 1, latencyMs: 120 });
    const started = performance.now();
    expect((await env.api.get(`${V}/companies?limit=1`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('when faults are limited to one route, then the others are untouched', async () => {
    env.emulator.setFaults({ seed: 1, rate5xx: 1, routes: ['POST /crm/objects/2026-03/companies/search'] });
    expect((await env.api.get(`${V}/companies?limit=1`)).status).toBe(200);
    expect((await env.api.post(`${V}/companies/search`, { limit: 1 })).status).toBeGreaterThanOrEqual(500);
  });

  it('when faults are injected, then the stats count them per portal', async () => {
    env.emulator.resetStats();
    await outcomes({ seed: 9, dropRate: 0.2, malformedRate: 0.2 }, 40);
    const stats = env.emulator.stats().byPortal[String(env.emulator.portals[0]!.portalId)];
    expect(stats?.total).toBe(40);
    expect(stats?.dropped).toBeGreaterThan(0);
    expect(stats?.malformed).toBeGreaterThan(0);
  });
});
