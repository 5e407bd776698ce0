import express from 'express';
import nock from 'nock';
import request from 'supertest';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { completeInstall } from '../../src/install/complete-install.ts';
import { createOAuthStateService } from '../../src/install/oauth-state.ts';
import { optionalScopes, requiredScopes } from '../../src/install/scopes.ts';
import type { Clock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { oauthStatesRepository } from '../../src/store/oauth-states-repository.ts';
import { createApp } from '../../src/server/create-app.ts';
import { getOAuthCallback } from '../../src/server/routes/get-oauth-callback.ts';
import { getOAuthInstall } from '../../src/server/routes/get-oauth-install.ts';
import { capturingLogger, dumpStore, hubspotApi, openTestStore, testCipher } from './helpers.ts';

const start = new Date('2026-11-23T12:00:00Z');
const movableClock = () => {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms: number) => { at += ms; } } satisfies Clock & { advance(ms: number): void };
};

const tokenGrant = { access_token: 'access-plain-1', refresh_token: 'refresh-plain-1', expires_in: 1800, token_type: 'bearer', hub_id: 555 };
const introspection = { active: true, hub_id: 555, hub_domain: 'acme.hubspot.test', scopes: [...requiredScopes], token_type: 'bearer' };

describe('OAuth install and callback', () => {
  let db: Db;
  let clock: ReturnType<typeof movableClock>;
  let app: express.Express;
  let provisioned: number[];
  let enqueued: number[];
  let logLines: string[];

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  beforeEach(async () => {
    db = await openTestStore();
    clock = movableClock();
    provisioned = [];
    enqueued = [];
    const { logger, lines } = capturingLogger();
    logLines = lines;
    const oauth = createOAuthClient({
      apiBaseUrl: hubspotApi, authBaseUrl: 'https://app.hubspot.test', clientId: 'client-1', clientSecret: 'secret-1', redirectUri: 'https://waypoint.test/oauth/callback',
    });
    const oauthState = createOAuthStateService({ signingSecret: 'secret-1', states: oauthStatesRepository(db), clock });
    const install = completeInstall({
      db, cipher: testCipher(), oauth, clock, logger,
      provision: async (portalId) => { provisioned.push(portalId); },
      enqueueFullSync: async (portalId) => { enqueued.push(portalId); },
    });
    const router = express.Router();
    router.get('/oauth/install', getOAuthInstall({ oauthState, oauth }));
    router.get('/oauth/callback', getOAuthCallback({ oauthState, completeInstall: install, logger }));
    app = createApp({ logger, db, routers: [router] });
  });
  afterEach(async () => {
    nock.cleanAll();
    await db.close();
  });

  const issueState = async (): Promise<string> => {
    const response = await request(app).get('/oauth/install').expect(302);
    return new URL(response.headers.location ?? '').searchParams.get('state') ?? '';
  };
  const installations = async () => db.query('SELECT portal_id FROM installations');
  const hubspotAcceptsCode = () => nock(hubspotApi)
    .post('/oauth/v3/token').reply(200, tokenGrant)
    .post('/oauth/v3/token/introspect').reply(200, introspection);

  it('when an admin starts the install, then they are sent to HubSpot consent with our scopes and a fresh state', async () => {
    const response = await request(app).get('/oauth/install').expect(302);
    const url = new URL(response.headers.location ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://app.hubspot.test/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('redirect_uri')).toBe('https://waypoint.test/oauth/callback');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([...requiredScopes]);
    expect(url.searchParams.get('optional_scope')?.split(' ')).toEqual([...optionalScopes]);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(await db.query('SELECT state_id FROM oauth_states')).toHaveLength(1);
  });

  it('when HubSpot calls back with a valid state and code, then the installation is stored encrypted, provisioned and its first sync enqueued', async () => {
    const state = await issueState();
    hubspotAcceptsCode();

    const response = await request(app).get('/oauth/callback').query({ code: 'code-1', state }).expect(200);

    expect(response.text).toContain('Waypoint is installed');
    const row = await installationsRepository(db).find(555);
    expect(row).toMatchObject({ status: 'active', hubDomain: 'acme.hubspot.test', scopes: [...requiredScopes] });
    expect(row?.accessTokenEnc).toMatch(/^wp1:k1:/);
    expect(provisioned).toEqual([555]);
    expect(enqueued).toEqual([555]);
    const everywhere = `${await dumpStore(db)}\n${logLines.join('')}`;
    for (const secret of ['access-plain-1', 'refresh-plain-1', 'code-1']) expect(everywhere).not.toContain(secret);
  });

  it('when the same callback is replayed, then the second is refused and HubSpot is not asked again', async () => {
    const state = await issueState();
    hubspotAcceptsCode();
    await request(app).get('/oauth/callback').query({ code: 'code-1', state }).expect(200);

    const replay = await request(app).get('/oauth/callback').query({ code: 'code-1', state }).set('Accept', 'application/json').expect(400);

    expect(replay.body.error).toEqual({ code: 'OAUTH_STATE_INVALID', message: 'The install link has expired or was already used.' });
    expect(enqueued).toEqual([555]);
  });

  it.each([
    { story: 'consent was declined', query: () => ({ error: 'access_denied', state: 'x' }), status: 400, code: 'OAUTH_CONSENT_DENIED', text: /declined/ },
    { story: 'the state is missing', query: () => ({ code: 'code-1' }), status: 400, code: 'OAUTH_STATE_INVALID', text: /missing its security state/ },
    { story: 'the state was forged', query: async (issued: string) => ({ code: 'code-1', state: `${issued.split('.')[0]}.AAAA` }), status: 400, code: 'OAUTH_STATE_INVALID', text: /not issued by Waypoint/ },
    { story: 'the code is missing', query: (issued: string) => ({ state: issued }), status: 400, code: 'OAUTH_CODE_MISSING', text: /did not send an authorization code/ },
  ])('when $story, then a clear page (or JSON when asked) explains it and nothing is stored', async ({ query, status, code, text }) => {
    const html = await request(app).get('/oauth/callback').query(await query(await issueState())).expect(status);
    const json = await request(app).get('/oauth/callback').query(await query(await issueState())).set('Accept', 'application/json').expect(status);

    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(text);
    expect(json.body.error.code).toBe(code);
    expect(await installations()).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it('when the state is older than ten minutes, then it is refused and nothing is stored', async () => {
    const state = await issueState();
    clock.advance(10 * 60 * 1000 + 1);

    const response = await request(app).get('/oauth/callback').query({ code: 'code-1', state }).set('Accept', 'application/json').expect(400);

    expect(response.body.error).toEqual({ code: 'OAUTH_STATE_INVALID', message: 'The install link has expired or was already used.' });
    expect(await installations()).toEqual([]);
  });

  it('when HubSpot refuses a replayed or garbage code, then the admin gets a 400 saying why and nothing is stored', async () => {
    const state = await issueState();
    nock(hubspotApi).post('/oauth/v3/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'auth code not found' });

    const response = await request(app).get('/oauth/callback').query({ code: 'stale-code', state }).set('Accept', 'application/json').expect(400);

    expect(response.body.error.code).toBe('OAUTH_CODE_REJECTED');
    expect(response.body.error.message).toMatch(/Start the install again/);
    expect(response.body.error.message).toContain('auth code not found');
    expect(response.body.error.message).not.toContain('stale-code');
    expect(await installations()).toEqual([]);
    expect(provisioned).toEqual([]);
  });

  it('when provisioning fails during install, then the install still succeeds and the first sync is enqueued', async () => {
    hubspotAcceptsCode();
    const { logger } = capturingLogger();
    const oauth = createOAuthClient({ apiBaseUrl: hubspotApi, authBaseUrl: 'https://app.hubspot.test', clientId: 'c', clientSecret: 's', redirectUri: 'https://w.test/cb' });
    const install = completeInstall({
      db, cipher: testCipher(), oauth, clock, logger,
      provision: async () => { throw new Error('HubSpot properties API down'); },
      enqueueFullSync: async (portalId) => { enqueued.push(portalId); },
    });

    const outcome = await install('code-2');

    expect(outcome).toMatchObject({ portalId: 555, propertiesProvisioned: false });
    expect(enqueued).toEqual([555]);
    expect((await installationsRepository(db).find(555))?.status).toBe('active');
  });
});
