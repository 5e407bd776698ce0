import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { propertiesFromCard } from '../../src/writeback/card-properties.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { waypointPropertyCatalogue } from '../../src/writeback/property-catalogue.ts';
import { writeBackPortal } from '../../src/writeback/write-back.ts';
import { writtenPropertiesRepository } from '../../src/store/written-properties-repository.ts';
import { BASE_URL, PORTAL, testClient } from '../hubspot/hubspot-test-kit.ts';
import { NOW, decliningCard, healthyCard, memoryStore, storeCards } from './support.ts';

const UPDATE_PATH = '/crm/objects/2026-03/companies/batch/update';
type Input = { id: string; properties: Record<string, string> };
type Body = { inputs: Input[] };

const ok = (inputs: Input[]) => ({
  status: 'COMPLETE',
  results: inputs.map((input) => ({ id: input.id, properties: input.properties, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), archived: false })),
  startedAt: NOW.toISOString(),
  completedAt: NOW.toISOString(),
});

/** Answers batch updates like HubSpot, failing the listed ids with a 207, and records every request body. */
const hubspotAccepting = (failing: (id: string, attempt: number) => boolean = () => false, category = 'VALIDATION_ERROR') => {
  const bodies: Body[] = [];
  const attempts = new Map<string, number>();
  nock(BASE_URL).post(UPDATE_PATH).times(100).reply(async (request: Request) => {
    const { inputs } = (await request.json()) as Body;
    bodies.push({ inputs });
    const failed = inputs.filter((input) => {
      const attempt = (attempts.get(input.id) ?? 0) + 1;
      attempts.set(input.id, attempt);
      return failing(input.id, attempt);
    });
    const accepted = inputs.filter((input) => !failed.includes(input));
    if (failed.length === 0) return [200, ok(inputs)];
    return [207, {
      ...ok(accepted), status: 'COMPLETE', numErrors: failed.length,
      errors: failed.map((input) => ({ status: 'error', category, message: `Property values were not valid for ${input.id}`, context: { ids: [input.id] } })),
    }];
  });
  return bodies;
};

describe('write-back of score cards to HubSpot company properties', () => {
  let db: Db;
  const silent = createLogger({ level: 'silent' });
  const run = (portal = testClient().portal, companyIds?: string[]) =>
    writeBackPortal({ db, portal, clock: fixedClock(NOW), logger: silent }, companyIds);

  beforeAll(async () => {
    nock.disableNetConnect();
  });
  beforeEach(async () => {
    db = await memoryStore();
  });
  afterEach(async () => {
    nock.cleanAll();
    await db.close();
  });
  afterAll(() => nock.enableNetConnect());

  it('when customers are scored for the first time, then every Waypoint property is sent for each and recorded as written', async () => {
    const cards = ['101', '102', '103'].map((id) => healthyCard(id));
    await storeCards(db, PORTAL, cards);
    const bodies = hubspotAccepting();

    const report = await run();

    expect(bodies).toHaveLength(1);
    const catalogueNames = waypointPropertyCatalogue.properties.map((p) => p.name).sort();
    for (const input of bodies[0]?.inputs ?? []) expect(Object.keys(input.properties).sort()).toEqual(catalogueNames);
    expect(bodies[0]?.inputs.find((i) => i.id === '102')?.properties).toEqual(propertiesFromCard(cards[1]!));
    expect(report).toMatchObject({ compared: 3, unchanged: 0, written: 3, batchRequests: 1, failed: [] });
    const written = await writtenPropertiesRepository(db).forCompanies(PORTAL, ['101', '102', '103']);
    expect(written.get('103')).toEqual(propertiesFromCard(cards[2]!));
  });

  it('when nothing changed since the last write-back, then no request reaches HubSpot', async () => {
    await storeCards(db, PORTAL, [healthyCard('101'), healthyCard('102')]);
    hubspotAccepting();
    const { client, portal } = testClient();
    await run(portal);
    const before = client.stats(PORTAL).requests;

    const second = await run(portal);

    expect(second).toMatchObject({ compared: 2, unchanged: 2, written: 0, batchRequests: 0 });
    expect(client.stats(PORTAL).requests).toBe(before);
  });

  it('when one customer declines, then only that company and only its changed properties are sent', async () => {
    await storeCards(db, PORTAL, [healthyCard('101'), healthyCard('102')]);
    const bodies = hubspotAccepting();
    await run();
    const later = new Date(NOW.getTime() + 60_000);
    const declined = decliningCard('102', later);
    await storeCards(db, PORTAL, [declined]);

    await run();

    const second = bodies[1]?.inputs ?? [];
    expect(second.map((i) => i.id)).toEqual(['102']);
    const before = propertiesFromCard(healthyCard('102'));
    const after = propertiesFromCard(declined);
    const expected = Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name as keyof typeof before] !== value));
    expect(second[0]?.properties).toEqual(expected);
    expect(Object.keys(expected)).toContain('waypoint_health_score');
    expect(Object.keys(expected)).not.toContain('waypoint_fit');
  });

  it('when a customer churns, then its churn classification is sent as the two enumerations, and a live customer\'s stay empty', async () => {
    await storeCards(db, PORTAL, [healthyCard('101'), healthyCard('102')]);
    const bodies = hubspotAccepting();
    await run();
    const churned = { ...healthyCard('102', new Date(NOW.getTime() + 60_000)), churn: { avoidable: false, expected: true, reason: 'churned (bad_fit): unavoidable, expected of a bad fit' } };
    await storeCards(db, PORTAL, [churned]);

    await run();

    expect(bodies[0]?.inputs.find((i) => i.id === '101')?.properties).toMatchObject({ waypoint_churn_avoidable: '', waypoint_churn_expected: '' });
    expect(bodies[1]?.inputs.map((i) => i.id)).toEqual(['102']);
    expect(bodies[1]?.inputs[0]?.properties).toMatchObject({ waypoint_churn_avoidable: 'unavoidable', waypoint_churn_expected: 'expected' });
  });

  it('when a customer reaches part of its desired outcome, then value realised goes out as an enumeration and a percentage, and an unchanged value is not sent again', async () => {
    const withValue = (card: ScoreCard, percent: number): ScoreCard => ({
      ...card, valueRealised: {
        outcome: 'Halve month-end close', metric: 'Days to close', source: { kind: 'property', property: 'days_to_close' }, baseline: 10, target: 5,
        targetDate: '2027-03-31', current: 10 - percent / 20, currentSource: 'company property days_to_close', level: percent >= 100 ? 'full' : 'partial', percent,
        setBy: 'Casey Morgan', setAt: NOW.toISOString(),
      },
    });
    await storeCards(db, PORTAL, [withValue(healthyCard('101'), 40)]);
    const bodies = hubspotAccepting();
    await run();
    expect(bodies[0]?.inputs[0]?.properties).toMatchObject({ waypoint_value_realised: 'partial', waypoint_value_realised_percent: '40' });

    // Rescored later: health moved, the value realised did not.
    const later = new Date(NOW.getTime() + 60_000);
    await storeCards(db, PORTAL, [withValue(decliningCard('101', later), 40)]);
    await run();
    expect(Object.keys(bodies[1]?.inputs[0]?.properties ?? {})).toContain('waypoint_health_score');
    expect(Object.keys(bodies[1]?.inputs[0]?.properties ?? {})).not.toContain('waypoint_value_realised');
    expect(Object.keys(bodies[1]?.inputs[0]?.properties ?? {})).not.toContain('waypoint_value_realised_percent');

    await storeCards(db, PORTAL, [withValue(decliningCard('101', new Date(later.getTime() + 60_000)), 100)]);
    await run();
    expect(bodies[2]?.inputs[0]?.properties).toMatchObject({ waypoint_value_realised: 'full', waypoint_value_realised_percent: '100' });
  });

  it('when a company was written before the value-realised properties existed and has no desired outcome, then the release does not rewrite it', async () => {
    const card = healthyCard('101');
    await storeCards(db, PORTAL, [card]);
    const { waypoint_value_realised: _level, waypoint_value_realised_percent: _percent, ...before } = propertiesFromCard(card);
    await writtenPropertiesRepository(db).record(PORTAL, [{ companyId: '101', properties: before }], NOW);
    const { client, portal } = testClient();
    hubspotAccepting();

    const report = await run(portal);

    expect(report).toMatchObject({ compared: 1, unchanged: 1, batchRequests: 0 });
    expect(client.stats(PORTAL).requests).toBe(0);
  });

  it('when 250 companies changed, then they are sent in batches of 100, 100 and 50', async () => {
    await storeCards(db, PORTAL, Array.from({ length: 250 }, (_, i) => healthyCard(String(1000 + i))));
    const bodies = hubspotAccepting();

    const report = await run();

    expect(bodies.map((b) => b.inputs.length)).toEqual([100, 100, 50]);
    expect(new Set(bodies.flatMap((b) => b.inputs.map((i) => i.id))).size).toBe(250);
    expect(report.written).toBe(250);
  });

  it('when HubSpot answers 207, then only the failed inputs are sent again and a company that keeps failing is reported', async () => {
    await storeCards(db, PORTAL, ['101', '102', '103', '104'].map((id) => healthyCard(id)));
    // 102 fails once then succeeds; 104 always fails.
    const bodies = hubspotAccepting((id, attempt) => id === '104' || (id === '102' && attempt === 1));

    const report = await run();

    expect(bodies.map((b) => b.inputs.map((i) => i.id).sort())).toEqual([['101', '102', '103', '104'], ['102', '104'], ['104']]);
    expect(report.written).toBe(3);
    expect(report.failed).toEqual([{ id: '104', code: 'HUBSPOT_VALIDATION', message: 'Property values were not valid for 104' }]);
    const written = await writtenPropertiesRepository(db).forCompanies(PORTAL, ['101', '102', '103', '104']);
    expect([...written.keys()].sort()).toEqual(['101', '102', '103']);
  });

  it('when a failed company is retried by the next run, then only it is sent', async () => {
    await storeCards(db, PORTAL, ['101', '104'].map((id) => healthyCard(id)));
    const bodies = hubspotAccepting((id, attempt) => id === '104' && attempt <= 3);
    await run();

    await run();

    expect(bodies.at(-1)?.inputs.map((i) => i.id)).toEqual(['104']);
  });

  it('when HubSpot no longer has a company, then it is reported at once and not asked for again in that run', async () => {
    await storeCards(db, PORTAL, ['101', '102'].map((id) => healthyCard(id)));
    const bodies = hubspotAccepting((id) => id === '102', 'OBJECT_NOT_FOUND');

    const report = await run();

    expect(bodies).toHaveLength(1);
    expect(report.failed.map((f) => [f.id, f.code])).toEqual([['102', 'HUBSPOT_NOT_FOUND']]);
  });

  it('when a scored company was deleted from the synced store, then write-back leaves it alone', async () => {
    await storeCards(db, PORTAL, ['101', '102'].map((id) => healthyCard(id)));
    await crmRepository(db).deleteObjects(PORTAL, 'companies', ['102']);
    const bodies = hubspotAccepting();

    const report = await run();

    expect(bodies[0]?.inputs.map((i) => i.id)).toEqual(['101']);
    expect(report.compared).toBe(1);
  });

  it('when another portal has the same company id written, then this portal still writes its own', async () => {
    await storeCards(db, PORTAL, [healthyCard('101')]);
    await writtenPropertiesRepository(db).record(PORTAL + 1, [{ companyId: '101', properties: propertiesFromCard(healthyCard('101')) }], NOW);
    const bodies = hubspotAccepting();

    await run();

    expect(bodies[0]?.inputs.map((i) => i.id)).toEqual(['101']);
  });
});
