import type express from 'express';
import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import { installRouter, requestAuth } from '../../src/composition/install-routes.ts';
import { createInstallModule, type InstallModule } from '../../src/install/install-module.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { tokenContext } from '../../src/install/token-crypto.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { createApp } from '../../src/server/create-app.ts';
import { waypointPropertyCatalogue } from '../../src/writeback/property-catalogue.ts';
import { capturingLogger, dumpStore, newKey, openTestStore, storeInstallation } from './helpers.ts';

const publicBaseUrl = 'https://waypoint.test';

describe('install against the HubSpot emulator', () => {
  let emulator: Emulator;
  let db: Db;
  let app: express.Express;
  let hubspot: HubSpotClient;
  let install: InstallModule;
  let logLines: string[];
  const enqueued: number[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    emulator = await startEmulator({ size: 'S', seed: 3, redirectUris: [`${publicBaseUrl}/oauth/callback`] });
    db = await openTestStore();
    const { logger, lines } = capturingLogger();
    logLines = lines;
    install = createInstallModule({
      clientId: emulator.clientId, clientSecret: emulator.clientSecret, apiBaseUrl: emulator.baseUrl, authBaseUrl: emulator.baseUrl,
      publicBaseUrl, encryptionKey: newKey(), encryptionKeyId: 'k1',
    }, { db, logger, clock: systemClock });
    hubspot = createHubSpotClient({ baseUrl: emulator.baseUrl, tokenProvider: install.tokenProvider, logger });
    const enqueueFullSync = async (portalId: number) => { enqueued.push(portalId); };
    app = createApp({ logger, db, routers: [installRouter(install, { hubspot, enqueueFullSync, auth: requestAuth(install), logger })] });
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
    const accessToken = install.cipher.decrypt(row?.accessTokenEnc ?? '', tokenContext(portalId, 'access'));
    const refreshToken = install.cipher.decrypt(row?.refreshTokenEnc ?? '', tokenContext(portalId, 'refresh'));
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
    await storeInstallation(db, install.cipher, { portalId: 999, accessToken: 'unknown-to-hubspot', refreshToken: 'also-unknown', expiresAt: new Date(Date.now() + 20 * 60_000) });

    const result = await install.provisionActivePortals(hubspot);

    expect(result).toEqual({ provisioned: [portalId], failed: [999] });
    expect((await installationsRepository(db).find(999))?.status).toBe('inactive');
    expect((await installationsRepository(db).find(portalId))?.status).toBe('active');
  });

  it('when the sandbox installs with a grant the emulator issued, then it takes the same path as a consent callback', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;
    const grant = emulator.issueToken(portalId);
    const before = enqueued.length;

    const outcome = await install.installFromGrant({ hubspot, enqueueFullSync: async (id) => { enqueued.push(id); } })({
      accessToken: grant.access_token, refreshToken: grant.refresh_token, expiresInSeconds: grant.expires_in,
    });

    expect(outcome).toMatchObject({ portalId, propertiesProvisioned: true });
    expect(enqueued.slice(before)).toEqual([portalId]);
    expect(install.cipher.decrypt((await installationsRepository(db).find(portalId))?.accessTokenEnc ?? '', tokenContext(portalId, 'access'))).toBe(grant.access_token);
  });

  it('when the data deletion route is called without credentials, then it is refused', async () => {
    const portalId = emulator.portals[0]?.portalId ?? 0;

    await request(app).delete(`/api/v1/portals/${portalId}/data`).expect(401);

    expect((await installationsRepository(db).find(portalId))?.status).toBe('active');
  });
});
