import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import type { CrmObjectType } from '../../src/hubspot/api-version.ts';
import { createLogger } from '../../src/shared/logger.ts';

// HubSpot's windows compressed 100x on both sides: the same budget arithmetic, a hundredth of the waiting.
const TIME_SCALE = 0.01;

describe('the HubSpot door against the emulator (M portal, HubSpot\'s strictest budget)', () => {
  let emulator: Emulator;
  let client: HubSpotClient;
  let portalId: number;

  beforeAll(async () => {
    emulator = await startEmulator({ size: 'M', seed: 7, timeScale: TIME_SCALE, limits: { perWindow: 100, windowMs: 10_000, searchPerSecond: 4 }, webhooks: { enabled: false } });
    portalId = emulator.state.portalIds()[0] ?? 0;
    const token = emulator.issueToken(portalId).access_token;
    client = createHubSpotClient({
      baseUrl: emulator.baseUrl,
      tokenProvider: { getAccessToken: async () => token },
      logger: createLogger({ level: 'silent' }),
      limits: { requestsPerWindow: 100, windowMs: 10_000 * TIME_SCALE, searchRequestsPerWindow: 4, searchWindowMs: 1_000 * TIME_SCALE },
      retry: { baseDelayMs: 5, maxDelayMs: 50, tenSecondlyWindowMs: 10_000 * TIME_SCALE, secondlyWindowMs: 1_000 * TIME_SCALE },
    });
  });
  afterAll(async () => emulator.stop());

  const readAll = async (type: CrmObjectType, properties: string[]): Promise<string[]> => {
    const records: string[] = [];
    for await (const page of client.forPortal(portalId).listObjects(type, { properties })) {
      for (const record of page.results) records.push(JSON.stringify([record.id, properties.map((p) => record.properties[p] ?? null)]));
    }
    return records;
  };

  it('when every company is listed, then it takes exactly ceil(n/100) list requests and no 429', async () => {
    emulator.resetStats();
    const companies = await readAll('companies', ['name', 'lifecyclestage']);
    const stats = emulator.stats().byPortal[String(portalId)];
    expect(companies).toHaveLength(5_000);
    expect(stats?.byEndpoint['GET /crm/objects/2026-03/companies']?.count).toBe(Math.ceil(5_000 / 100));
    expect(stats?.http429).toBe(0);
  });

  it('when more pages are read than one window allows, then the limiter paces them and HubSpot never answers 429', async () => {
    emulator.resetStats();
    const deals = await readAll('deals', ['amount', 'dealstage']);
    const stats = emulator.stats().byPortal[String(portalId)];
    expect(Math.ceil(deals.length / 100)).toBeGreaterThan(100);
    expect(stats?.total).toBe(Math.ceil(deals.length / 100));
    expect(stats?.http429).toBe(0);
  });

  it('when 10% 429s and 5% 5xx are injected, then a full read returns exactly the records of a fault-free read', async () => {
    const clean = await readAll('companies', ['name', 'annual_recurring_revenue', 'hs_lastmodifieddate']);
    emulator.setFaults({ seed: 11, rate429: 0.1, rate5xx: 0.05 });
    emulator.resetStats();
    try {
      const faulted = await readAll('companies', ['name', 'annual_recurring_revenue', 'hs_lastmodifieddate']);
      const stats = emulator.stats().byPortal[String(portalId)];
      expect((stats?.http429 ?? 0) + (stats?.http5xx ?? 0)).toBeGreaterThan(0);
      expect(faulted).toEqual(clean);
    } finally {
      emulator.setFaults(null);
    }
  });
});
