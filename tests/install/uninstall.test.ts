import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { requireActiveInstallation } from '../../src/install/installation-guard.ts';
import { createInstallationTokenProvider } from '../../src/install/token-provider.ts';
import { deletePortalData, handleAppLifecycleEvent } from '../../src/install/uninstall.ts';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { deletePortalDataRoute } from '../../src/server/routes/delete-portal-data.ts';
import { capturingLogger, hubspotApi, openTestStore, storeInstallation, testCipher } from './helpers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const clock = fixedClock(now);
const A = 1001;
const B = 2002;
const cipher = testCipher();

const seedPortal = async (db: Db, portalId: number) => {
  await storeInstallation(db, cipher, { portalId, accessToken: `access-${portalId}`, refreshToken: `refresh-${portalId}`, expiresAt: new Date(now.getTime() + 20 * 60_000) });
  await db.query("INSERT INTO crm_objects (portal_id, object_type, object_id, properties) VALUES ($1, 'companies', '1', '{}'), ($1, 'contacts', '2', '{}')", [portalId]);
  await db.query("INSERT INTO crm_associations (portal_id, from_type, from_id, to_type, to_id) VALUES ($1, 'contacts', '2', 'companies', '1')", [portalId]);
  await db.query("INSERT INTO score_snapshots (portal_id, company_id, scored_at, card) VALUES ($1, '1', now(), '{}')", [portalId]);
  await db.query("INSERT INTO scoring_configs (portal_id, version, config) VALUES ($1, 1, '{}')", [portalId]);
  await db.query("INSERT INTO sync_checkpoints (portal_id, stream, cursor) VALUES ($1, 'companies', '{}')", [portalId]);
  return (await mintApiKey({ apiKeys: apiKeysRepository(db), clock }, { portalId, name: 'ops' })).key;
};
const countRows = async (db: Db, portalId: number) => {
  const tables = ['installations', 'crm_objects', 'crm_associations', 'score_snapshots', 'scoring_configs', 'sync_checkpoints', 'api_keys'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await db.query(`SELECT 1 FROM ${table} WHERE portal_id = $1`, [portalId])).length;
  return counts;
};

describe('uninstall and data deletion', () => {
  let db: Db;
  let app: express.Express;
  const deps = () => ({ db, clock, logger: capturingLogger().logger });
  beforeEach(async () => {
    db = await openTestStore();
    const router = express.Router();
    router.delete('/api/v1/portals/:portalId/data',
      requirePortalAdmin({ apiKeys: apiKeysRepository(db), clientSecret: 's', publicBaseUrl: 'https://w.test', clock }),
      deletePortalDataRoute({ deletePortalData: deletePortalData(deps()) }));
    app = createApp({ logger: capturingLogger().logger, db, routers: [router] });
  });
  afterEach(async () => {
    await db.close();
  });

  it('when HubSpot reports APP_UNINSTALL, then the installation stops, its tokens are dropped and no HubSpot call can be made for it', async () => {
    await seedPortal(db, A);
    await seedPortal(db, B);
    const oauth = createOAuthClient({ apiBaseUrl: hubspotApi, authBaseUrl: hubspotApi, clientId: 'c', clientSecret: 's', redirectUri: 'https://w.test/cb' });
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    await handleAppLifecycleEvent(deps())({ portalId: A, action: 'APP_UNINSTALL' });

    expect(await installationsRepository(db).find(A)).toMatchObject({ status: 'uninstalled', statusReason: 'app_uninstalled', accessTokenEnc: null, refreshTokenEnc: null, uninstalledAt: now });
    await expect(provider.getAccessToken(A)).rejects.toMatchObject({ code: 'INSTALLATION_INACTIVE' });
    await expect(requireActiveInstallation(db, A)).rejects.toMatchObject({ code: 'INSTALLATION_INACTIVE', retryable: false });
    await expect(requireActiveInstallation(db, B)).resolves.toBeUndefined();
    expect(await provider.getAccessToken(B)).toBe(`access-${B}`);
    expect((await countRows(db, A)).crm_objects).toBe(2);
  });

  it("when an admin deletes an uninstalled portal's data, then every row of that portal goes and the other portal keeps all of its own", async () => {
    const keyA = await seedPortal(db, A);
    await seedPortal(db, B);
    await handleAppLifecycleEvent(deps())({ portalId: A, action: 'APP_UNINSTALL' });

    const response = await request(app).delete(`/api/v1/portals/${A}/data`).set('Authorization', `Bearer ${keyA}`).expect(200);

    expect(response.body.deleted).toMatchObject({ installations: 1, crm_objects: 2, crm_associations: 1, score_snapshots: 1, scoring_configs: 1, api_keys: 1 });
    expect(Object.values(await countRows(db, A)).every((n) => n === 0)).toBe(true);
    expect(await countRows(db, B)).toEqual({ installations: 1, crm_objects: 2, crm_associations: 1, score_snapshots: 1, scoring_configs: 1, sync_checkpoints: 1, api_keys: 1 });
    await request(app).delete(`/api/v1/portals/${A}/data`).set('Authorization', `Bearer ${keyA}`).expect(401);
  });

  it('when an admin tries to delete the data of a portal that still has Waypoint installed, then it is refused and nothing is deleted', async () => {
    const keyA = await seedPortal(db, A);

    const response = await request(app).delete(`/api/v1/portals/${A}/data`).set('Authorization', `Bearer ${keyA}`).expect(409);

    expect(response.body.error.message).toMatch(/uninstall it in HubSpot/);
    expect((await countRows(db, A)).crm_objects).toBe(2);
  });

  it('when a deleted portal installs again, then it starts from scratch as a new active installation', async () => {
    await seedPortal(db, A);
    await handleAppLifecycleEvent(deps())({ portalId: A, action: 'APP_UNINSTALL' });
    await deletePortalData(deps())(A);
    const later = new Date(now.getTime() + 86_400_000);

    await storeInstallation(db, cipher, { portalId: A, accessToken: 'access-new', refreshToken: 'refresh-new', expiresAt: new Date(later.getTime() + 1800_000), now: later });

    expect(await installationsRepository(db).find(A)).toMatchObject({ status: 'active', statusReason: null, uninstalledAt: null, installedAt: later });
    expect(await countRows(db, A)).toMatchObject({ crm_objects: 0, api_keys: 0 });
  });
});
