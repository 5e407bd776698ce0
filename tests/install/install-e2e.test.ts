import express from 'express';
import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { completeInstall } from '../../src/install/complete-install.ts';
import { createOAuthStateService } from '../../src/install/oauth-state.ts';
import { provisionActivePortals, provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { createInstallationTokenProvider } from '../../src/install/token-provider.ts';
import { tokenContext } from '../../src/install/token-crypto.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { oauthStatesRepository } from '../../src/store/oauth-states-repository.ts';
import { createApp } from '../../src/server/create-app.ts';
import { getOAuthCallback } from '../../src/server/routes/get-oauth-callback.ts';
import { getOAuthInstall } from '../../src/server/routes/get-oauth-install.ts';
import { waypointPropertyCatalogue } from '../../src/writeback/property-catalogue.ts';
import { z } from 'zod';
import { capturingLogger, dumpStore, openTestStore, storeInstallation, testCipher } from './helpers.ts';

const redirectUri = 'https://waypoint.test/oauth/callback';
const cipher = testCipher();

describe('install against the HubSpot emulator', () => {
  let emulator: Emulator;
  let db: Db;
  let app: express.Express;
  let hubspot: HubSpotClient;
  let logLines: string[];
  const enqueued: number[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    emulator = await startEmulator({ size: 'S', seed: 3, redirectUris: [redirectUri] });
    db = await openTestStore();
    const { logger, lines } = capturingLogger();
    logLines = lines;
    const oauth = createOAuthClient({
      apiBaseUrl: emulator.baseUrl, authBaseUrl: emulator.baseUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret, redirectUri,
    });
    const tokenProvider = createInstallationTokenProvider({ db, cipher, oauth, clock: systemClock, logger });
    hubspot = createHubSpotClient({ baseUrl: emulator.baseUrl, tokenProvider, logger });
    const oauthState = createOAuthStateService({ signingSecret: emulator.clientSecret, states: oauthStatesRepository(db), clock: systemClock });
    const install = completeInstall({
      db, cipher, oauth, clock: systemClock, logger,
      provision: (portalId) => provisionWaypointProperties(hubspot.forPortal(portalId)),
      enqueueFullSync: async (portalId) => { enqueued.push(portalId); },
    });
    const router = express.Router();
    router.get('/oauth/install', getOAuthInstall({ oauthState, oauth }));
    router.get('/oauth/callback', getOAuthCallback({ oauthState, completeInstall: install, logger }));
    app = createApp({ logger, db, routers: [router] });
  });
  afterAll(async () => {
    await db.close();
    await emulator.stop();
    nock.enableNetConnect();
  });

  /** Follows Waypoint's redirect to the emulator's consent page and returns where HubSpot sends the admin back. */
  const consent = async (extra: Record<string, string> = {}): Promise<URL> => {
    const started = await request(app).get('/oauth/install').expect(302);
    const authorize = new URL(started.headers.location ?? '');
    for (const [key, value] of Object.entries(extra)) authorize.searchParams.set(key, value);
    const approved = await fetch(authorize, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    return new URL(approved.headers.get('location') ?? '');
  };
  const callback = (back: URL) => request(app).get(`${back.pathname}${back.search}`);

  it('when an admin declines consent, then the callback explains it and nothing is installed', async () => {
    const back = await consent({ emulator_consent: 'deny' });

    const response = await callback(back).expect(400);

    expect(response.text).toContain('Consent was declined');
    expect(await db.query('SELECT 1 FROM installations')).toEqual([]);
  });

  it('when an admin installs and consents, then the portal is stored with ciphertext only, provisioned, and its first sync enqueued', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;
    const back = await consent();

    const response = await callback(back).expect(200);

    expect(response.text).toContain(`HubSpot account ${portalId}`);
    const row = await installationsRepository(db).find(portalId);
    expect(row?.status).toBe('active');
    const accessToken = cipher.decrypt(row?.accessTokenEnc ?? '', tokenContext(portalId, 'access'));
    const refreshToken = cipher.decrypt(row?.refreshTokenEnc ?? '', tokenContext(portalId, 'refresh'));
    const everywhere = `${await dumpStore(db)}\n${logLines.join('')}`;
    for (const secret of [accessToken, refreshToken, back.searchParams.get('code') ?? '']) expect(everywhere).not.toContain(secret);

    const properties = await hubspot.forPortal(portalId).request({
      method: 'GET', path: '/crm/properties/2026-03/companies',
      schema: z.object({ results: z.array(z.object({ name: z.string(), groupName: z.string(), options: z.array(z.object({ value: z.string() })).optional() })) }),
    });
    const ours = properties.results.filter((p) => p.groupName === 'waypoint');
    expect(ours.map((p) => p.name).sort()).toEqual(waypointPropertyCatalogue.properties.map((p) => p.name).sort());
    expect(ours.find((p) => p.name === 'waypoint_cohort')?.options?.map((o) => o.value)).toEqual(['bad_fit', 'dark', 'negative', 'neutral', 'positive']);
    expect(enqueued).toEqual([portalId]);
  });

  it('when provisioning runs again (every start), then nothing is created twice', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;

    const report = await provisionWaypointProperties(hubspot.forPortal(portalId));

    expect(report).toMatchObject({ groupCreated: false, created: [], updated: [] });
    expect(report.unchanged).toHaveLength(waypointPropertyCatalogue.properties.length);
  });

  it('when a label or option drifted in the portal, then provisioning puts it back without touching the rest', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;
    const client = hubspot.forPortal(portalId);
    const patch = (name: string, body: unknown) => client.request({ method: 'PATCH', path: `/crm/properties/2026-03/companies/${name}`, body, schema: z.unknown() });
    await patch('waypoint_health_status', { label: 'Renamed by an admin' });
    await patch('waypoint_fit', { options: [{ label: 'Good fit', value: 'good', displayOrder: 0, hidden: false }] });

    const report = await provisionWaypointProperties(client);

    expect(report.updated.sort()).toEqual(['waypoint_fit', 'waypoint_health_status']);
    expect(report.created).toEqual([]);
    expect((await provisionWaypointProperties(client)).updated).toEqual([]);
  });

  it('when properties are provisioned at start and one portal has lost its access, then the others are still provisioned', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;
    await storeInstallation(db, cipher, { portalId: 999, accessToken: 'unknown-to-hubspot', refreshToken: 'also-unknown', expiresAt: new Date(Date.now() + 20 * 60_000) });

    const result = await provisionActivePortals({
      installations: installationsRepository(db), clientFor: (id) => hubspot.forPortal(id), logger: capturingLogger().logger,
    });

    expect(result).toEqual({ provisioned: [portalId], failed: [999] });
    expect((await installationsRepository(db).find(999))?.status).toBe('inactive');
    expect((await installationsRepository(db).find(portalId))?.status).toBe('active');
  });
});
