import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { writeBackPortal } from '../../src/writeback/write-back.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { scoringConfigRouter } from '../../src/server/routes/scoring-config.ts';
import { portalPropertiesReader, settingsDataRouter } from '../../src/server/routes/settings-data.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { waypointPropertyCatalogue } from '../../src/writeback/property-catalogue.ts';
import { startSandbox, type Sandbox } from './sandbox-harness.ts';

// An admin's session on the settings page, against the emulator: read the portal's properties, remap ARR and add a
// fit rule, dry-run, apply, rescore, write back, then roll back. HubSpot's values are the judge at every step.

const names = waypointPropertyCatalogue.properties.map((p) => p.name);
const logger = createLogger({ level: 'silent' });

type Change = { companyId: string; propertiesChanged: number; fit?: { to: string } };

describe('the settings story against the emulator', () => {
  let sandbox: Sandbox;
  let app: ReturnType<typeof createApp>;
  let key: string;
  let portalId: number;
  const admin = (call: request.Test) => call.set('authorization', `Bearer ${key}`);
  const base = () => `/api/v1/portals/${portalId}`;
  const hubspotValues = async (): Promise<Map<string, Record<string, string>>> => {
    const ids = [...(await sandbox.db.query<{ id: string }>("SELECT DISTINCT company_id AS id FROM score_snapshots WHERE portal_id = $1", [portalId])).map((r) => r.id)];
    const read = await sandbox.hubspot.forPortal(portalId).batchRead('companies', ids, names);
    return new Map(read.results.map((c) => [c.id, Object.fromEntries(names.map((n) => [n, c.properties[n] ?? '']))]));
  };
  const rescoreAndWriteBack = async () => {
    await scorePortal({ db: sandbox.db, clock: sandbox.scoringClock, logger, snapshots: storeSnapshotSource(sandbox.db) }, { portalId });
    return writeBackPortal({ db: sandbox.db, portal: sandbox.hubspot.forPortal(portalId), clock: sandbox.scoringClock, logger });
  };
  const differences = (before: Map<string, Record<string, string>>, after: Map<string, Record<string, string>>) => {
    const changed = new Map<string, number>();
    for (const [id, values] of after) {
      const count = names.filter((n) => before.get(id)?.[n] !== values[n]).length;
      if (count > 0) changed.set(id, count);
    }
    return changed;
  };

  let original: Map<string, Record<string, string>>;
  let dryRun: { changes: Change[]; writeBack: { properties: number; companies: number }; changesTruncated: boolean };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    sandbox = await startSandbox({ seed: 5 });
    portalId = sandbox.result.portalId;
    const apiKeys = apiKeysRepository(sandbox.db);
    key = (await mintApiKey({ apiKeys, clock: sandbox.scoringClock }, { portalId, name: 'story' })).key;
    const guard = requirePortalAdmin({ apiKeys, clientSecret: 'unused-here', publicBaseUrl: 'https://waypoint.example.com', clock: sandbox.scoringClock });
    const deps = { db: sandbox.db, clock: sandbox.scoringClock, snapshots: storeSnapshotSource(sandbox.db), requirePortalAdmin: guard };
    app = createApp({ logger, db: sandbox.db, routers: [scoringConfigRouter(deps), settingsDataRouter({ ...deps, readProperties: portalPropertiesReader({ clock: sandbox.scoringClock, hubspot: sandbox.hubspot }) })] });
    original = await hubspotValues();
  }, 900_000);
  afterAll(async () => {
    await sandbox?.close();
    nock.enableNetConnect();
  });

  const draft = {
    properties: { arr: 'annualrevenue' },
    // Lists replace, so the new rule travels with the shipped ones it joins.
    fit: { bad: [...defaultScoringConfig.fit.bad, { op: 'in', property: 'industry', values: ['RETAIL', 'LOGISTICS_AND_SUPPLY_CHAIN', 'HOSPITALITY', 'REAL_ESTATE'] }] },
  };

  it('when the settings data is opened, then the ARR picker can offer the portal\'s own revenue property and industries carry labels', async () => {
    const { body } = await admin(request(app).get(`${base()}/properties`)).expect(200);
    const companies = body.objects.companies.properties as Array<{ name: string; type: string; options: Array<{ label: string; value: string }> }>;

    expect(companies.find((p) => p.name === 'annualrevenue')?.type).toBe('number');
    expect(companies.find((p) => p.name === 'industry')?.options).toContainEqual({ label: 'Retail', value: 'RETAIL' });
  });

  it('when ARR is remapped and retail, logistics, hospitality and real estate made bad fits, then the dry run names companies and HubSpot is untouched', async () => {
    const response = await admin(request(app).post(`${base()}/scoring-config/dry-run`)).send(draft).expect(200);
    dryRun = response.body;

    expect(dryRun.changesTruncated).toBe(false);
    expect(dryRun.changes.length).toBeGreaterThan(0);
    expect(dryRun.changes.some((c) => c.fit?.to === 'bad')).toBe(true);
    expect(differences(original, await hubspotValues()).size).toBe(0);
  });

  it('when applied, rescored and written back, then exactly the companies the dry run listed change in HubSpot, by the counted properties', async () => {
    await admin(request(app).put(`${base()}/scoring-config`)).send(draft).expect(200);

    const writeBack = await rescoreAndWriteBack();

    const changed = differences(original, await hubspotValues());
    const listed = new Map(dryRun.changes.filter((c) => c.propertiesChanged > 0).map((c) => [c.companyId, c.propertiesChanged]));
    expect(listed.size).toBeGreaterThan(0);
    expect(changed).toEqual(listed);
    expect(writeBack.written).toBe(dryRun.writeBack.companies);
    expect([...changed.values()].reduce((a, b) => a + b, 0)).toBe(dryRun.writeBack.properties);
  });

  it('when rolled back to the shipped config, then its dry run lists the same companies and HubSpot holds the earlier values again', async () => {
    const preview = await admin(request(app).post(`${base()}/scoring-config/versions/default/dry-run`)).expect(200);
    expect(new Set(preview.body.changes.filter((c: Change) => c.propertiesChanged > 0).map((c: Change) => c.companyId)))
      .toEqual(new Set(dryRun.changes.filter((c) => c.propertiesChanged > 0).map((c) => c.companyId)));

    await admin(request(app).post(`${base()}/scoring-config/versions/default/rollback`)).expect(200);
    await rescoreAndWriteBack();

    const back = await hubspotValues();
    // Every value returns except the sentence saying why health moved since the previous card, which now tells of the rollback.
    const restored = [...original].filter(([id, values]) => names.some((n) => n !== 'waypoint_health_change_reason' && back.get(id)?.[n] !== values[n]));
    expect(restored.map(([id]) => id)).toEqual([]);
  });
});
