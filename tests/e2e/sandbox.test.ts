import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardDataSchema as cardContract } from '../../cards/card-data.schema.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { loadCardData } from '../../src/server/cards/load-card-data.ts';
import { writeBackPortal } from '../../src/writeback/write-back.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { BATCH_UPDATE_ENDPOINT } from '../../src/sandbox/run-sandbox.ts';
import { dataCoverageRepository } from '../../src/store/data-coverage-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { propertiesFromCard } from '../../src/writeback/card-properties.ts';
import { waypointPropertyCatalogue } from '../../src/writeback/property-catalogue.ts';
import { startSandbox, type Sandbox } from './sandbox-harness.ts';

const names = waypointPropertyCatalogue.properties.map((p) => p.name);

describe('the sandbox main job against the emulator', () => {
  let sandbox: Sandbox;
  const batchUpdates = () => {
    const portal = sandbox.emulator.stats().byPortal[String(sandbox.result.portalId)];
    return portal?.byEndpoint[BATCH_UPDATE_ENDPOINT]?.count ?? 0;
  };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    sandbox = await startSandbox();
  }, 900_000);
  afterAll(async () => {
    await sandbox?.close();
    nock.enableNetConnect();
  });

  it('when the sandbox has run, then its summary gives the data coverage: the share of customers with each input and, per missing component, why and what fills it', async () => {
    const text = sandbox.lines.join('\n');
    const coverage = await dataCoverageRepository(sandbox.db).latest(sandbox.result.portalId);
    expect(coverage?.customers).toBe(sandbox.result.scoring.scored);
    expect(text).toContain('Data coverage: what the customers have, and what is missing');
    for (const input of coverage?.inputs ?? []) expect(text).toMatch(new RegExp(`${input.label}\\s+${input.customers}\\s+${Math.round(input.share * 100)}%`));
    for (const component of coverage?.components ?? []) {
      expect(text).toContain(`${component.key}: missing for ${component.missing} of ${coverage?.customers}`);
      expect(text).toContain(component.fill === null ? 'nothing to map: missing by design' : `to fill it: ${component.fill}`);
    }
  });

  it('when the sandbox has run, then it printed every step and a summary with the cohort table and the worklist', () => {
    const text = sandbox.lines.join('\n');
    for (const step of ['[1/5]', '[2/5]', '[3/5]', '[4/5]', '[5/5]', 'Customers per cohort and segment', 'Top of the worklist']) expect(text).toContain(step);
    expect(text).toMatch(/segment\s+bad_fit\s+dark\s+negative\s+neutral\s+positive\s+total\s+churned/);
    // Current customers in the cohorts, churned ones apart: together, every customer scored.
    const [, current, churned] = /^\s*all(?:\s+\d+){5}\s+(\d+)\s+(\d+)/m.exec(text) ?? [];
    expect(Number(current) + Number(churned)).toBe(sandbox.result.scoring.scored);
    expect(sandbox.result.scoring.scored).toBeGreaterThan(20);
    expect(sandbox.result.writeBack.failed).toEqual([]);
  });

  it('when the sandbox has run, then every customer in the emulator carries every Waypoint property, equal to its stored score card', async () => {
    const latest = await scoresRepository(sandbox.db).latestByCompany(sandbox.result.portalId);
    const ids = [...latest.keys()];
    const read = await sandbox.hubspot.forPortal(sandbox.result.portalId).batchRead('companies', ids, names);

    expect(read.failed).toEqual([]);
    expect(read.results).toHaveLength(ids.length);
    for (const company of read.results) {
      const expected = propertiesFromCard(latest.get(company.id)!.card);
      const actual = Object.fromEntries(names.map((name) => [name, company.properties[name] ?? '']));
      expect({ id: company.id, ...normalise(actual) }).toEqual({ id: company.id, ...normalise(expected) });
    }
  });

  it('when any synced customer is opened, then its card data fits the card contract and stays far below 1 MB', async () => {
    const latest = await scoresRepository(sandbox.db).latestByCompany(sandbox.result.portalId);

    for (const companyId of latest.keys()) {
      const data = await loadCardData(sandbox.db, sandbox.result.portalId, companyId);
      const parsed = cardContract.safeParse(data);
      expect(parsed.success ? null : { companyId, issues: parsed.error.issues.slice(0, 3) }).toBeNull();
      expect(JSON.stringify(data).length).toBeLessThan(32 * 1024);
    }
  });

  it('when a customer\'s card is opened on install day, then it draws a 90-day trend of at least 12 points and its vector cites its own baseline', async () => {
    const latest = await scoresRepository(sandbox.db).latestByCompany(sandbox.result.portalId);
    // Customers whose history reaches back past the trend's 90 days (the newer ones have the points since they began).
    const reaching = await sandbox.db.query<{ id: string }>(
      `SELECT company_id AS id FROM score_snapshots WHERE portal_id = $1 AND backfilled GROUP BY company_id HAVING min(scored_at) < $2`,
      [sandbox.result.portalId, new Date(sandbox.scoringClock.now().getTime() - 90 * 86_400_000)]);
    const longer = new Set(reaching.map((r) => r.id));
    const established = [...latest.values()].filter((s) => longer.has(s.companyId) && s.card.churn === null);
    expect(established.length).toBeGreaterThan(latest.size / 2);
    for (const { companyId, card } of established) {
      const data = await loadCardData(sandbox.db, sandbox.result.portalId, companyId);
      if (data.status !== 'ok') throw new Error(`card of ${companyId}: ${data.status}`);
      expect({ companyId, points: data.score.trend.length >= 12 }).toEqual({ companyId, points: true });
      expect({ companyId, reason: /on its baseline/.test(card.vector.reason) }).toEqual({ companyId, reason: true });
      expect(card.changeReason).not.toMatch(/^first score/);
    }
    // Nothing backfilled went to HubSpot: the real cards are what every property above was compared with.
    expect(sandbox.lines.join('\n')).toMatch(/\[3\/5\] History from day one/);
  });

  it('when scoring and write-back run again with no data change, then not one batch-update request is sent', async () => {
    const before = batchUpdates();
    // The first run's writes were counted, so a zero below is a real zero and not a misnamed endpoint.
    expect(before).toBe(Math.ceil(sandbox.result.writeBack.written / 100));
    const logger = createLogger({ level: 'silent' });

    const scoring = await scorePortal({ db: sandbox.db, clock: sandbox.scoringClock, logger, snapshots: storeSnapshotSource(sandbox.db) }, { portalId: sandbox.result.portalId });
    const writeBack = await writeBackPortal({ db: sandbox.db, portal: sandbox.hubspot.forPortal(sandbox.result.portalId), clock: sandbox.scoringClock, logger });

    expect(scoring.stored).toBe(0);
    expect(writeBack).toMatchObject({ written: 0, batchRequests: 0 });
    expect(batchUpdates()).toBe(before);
  });
  // Last: the usage it sends changes a customer's data.
  it('when the sandbox has run, then it printed a key for the demo portal that the usage API accepts as printed', async () => {
    const text = sandbox.lines.join('\n');
    expect(text).toContain(`API key for portal ${sandbox.result.portalId} (shown once): ${sandbox.result.apiKey}`);
    const [companyId] = [...(await scoresRepository(sandbox.db).latestByCompany(sandbox.result.portalId)).keys()];
    const response = await fetch(`${sandbox.baseUrl}/api/v1/usage`, {
      method: 'POST', headers: { authorization: `Bearer ${sandbox.result.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ companyId, date: '2026-11-01', metric: 'active_users', value: 3 }]),
    });
    expect(response.status).toBe(200);
    expect(text).toContain(`curl -X POST ${sandbox.baseUrl}/api/v1/usage -H "Authorization: Bearer ${sandbox.result.apiKey}"`);
  });
});

// HubSpot echoes datetimes in its own ISO form and may drop trailing zeros of numbers; compare values, not spellings.
const normalise = (properties: Record<string, string>) => Object.fromEntries(Object.entries(properties).map(([name, value]) => {
  if (name === 'waypoint_scored_at' && value !== '') return [name, new Date(/^\d+$/.test(value) ? Number(value) : value).toISOString()];
  if (/^-?\d+(\.\d+)?$/.test(value)) return [name, String(Number(value))];
  return [name, value];
}));
