import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../emulator/generator/index.ts';
import { startEmulator } from '../../emulator/server/index.ts';
import { clientFor, postForm, useEmulator, V } from './emulator-kit.ts';

let now = Date.parse('2026-11-01T12:00:00.000Z');
const env = useEmulator({ clock: () => now, clientId: 'cid', clientSecret: 'secret', appId: 99 });
const redirectUri = 'http://127.0.0.1:9/oauth/callback';
const creds = { client_id: 'cid', client_secret: 'secret' };

const authorize = async (extra: Record<string, string> = {}) => {
  const url = new URL('/oauth/authorize', env.emulator.baseUrl);
  for (const [k, v] of Object.entries({ client_id: 'cid', redirect_uri: redirectUri, scope: 'oauth crm.objects.companies.read', state: 'st-1', ...extra })) url.searchParams.set(k, v);
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: new URL(response.headers.get('location') ?? 'http://none/') };
};

const install = async () => {
  const { location } = await authorize();
  const grant = await postForm(env.emulator.baseUrl, '/oauth/v3/token', { ...creds, grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: redirectUri });
  return grant.body as { access_token: string; refresh_token: string; expires_in: number; hub_id: number; scopes: string[] };
};

describe('emulated OAuth v3', () => {
  it('when a user reaches the consent page, then it approves at once and redirects with a code and the same state', async () => {
    const { status, location } = await authorize();
    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st-1');
  });

  it('when consent is refused through the query flag, then the redirect carries error=access_denied and the state', async () => {
    const { location } = await authorize({ emulator_consent: 'deny' });
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('state')).toBe('st-1');
  });

  it('when the code is exchanged, then tokens come back in HubSpot\'s shape and the code cannot be used twice', async () => {
    const { location } = await authorize();
    const form = { ...creds, grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: redirectUri };
    const grant = await postForm(env.emulator.baseUrl, '/oauth/v3/token', form);
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({ token_type: 'bearer', expires_in: 1800, hub_id: env.emulator.portals[0]!.portalId, scopes: ['oauth', 'crm.objects.companies.read'] });
    const again = await postForm(env.emulator.baseUrl, '/oauth/v3/token', form);
    expect(again.status).toBe(400);
    expect(again.body.status).toBe('BAD_AUTH_CODE');
  });

  it('when the client secret is wrong, then the exchange is refused', async () => {
    const answer = await postForm(env.emulator.baseUrl, '/oauth/v3/token', { client_id: 'cid', client_secret: 'nope', grant_type: 'refresh_token', refresh_token: 'x' });
    expect(answer.status).toBe(400);
  });

  it('when the access token expires, then API calls get 401 EXPIRED_AUTHENTICATION until the refresh token mints a new one', async () => {
    const grant = await install();
    const api = clientFor(env.emulator, grant.access_token);
    expect((await api.get(`${V}/companies?limit=1`)).status).toBe(200);
    now += 1801 * 1000;
    const expired = await api.get(`${V}/companies?limit=1`);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    const refreshed = await postForm(env.emulator.baseUrl, '/oauth/v3/token', { ...creds, grant_type: 'refresh_token', refresh_token: grant.refresh_token });
    expect(refreshed.status).toBe(200);
    expect((await clientFor(env.emulator, String(refreshed.body.access_token)).get(`${V}/companies?limit=1`)).status).toBe(200);
  });

  it('when a token lacks a scope, then the call is 403 MISSING_SCOPES', async () => {
    const grant = await install();
    const answer = await clientFor(env.emulator, grant.access_token).get(`${V}/deals?limit=1`);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ category: 'MISSING_SCOPES' });
  });

  it('when a token is introspected, then it reports the hub, app and scopes; after revoking the refresh token it is inactive and refresh fails', async () => {
    const grant = await install();
    const active = await postForm(env.emulator.baseUrl, '/oauth/v3/token/introspect', { ...creds, token: grant.access_token, token_type_hint: 'access_token' });
    expect(active.body).toMatchObject({ active: true, hub_id: grant.hub_id, app_id: 99, scopes: grant.scopes });
    expect((await postForm(env.emulator.baseUrl, '/oauth/v3/token/revoke', { ...creds, token: grant.refresh_token })).status).toBe(204);
    const inactive = await postForm(env.emulator.baseUrl, '/oauth/v3/token/introspect', { ...creds, token: grant.access_token });
    expect(inactive.body).toEqual({ active: false });
    const refresh = await postForm(env.emulator.baseUrl, '/oauth/v3/token', { ...creds, grant_type: 'refresh_token', refresh_token: grant.refresh_token });
    expect(refresh.status).toBe(400);
    expect(refresh.body.status).toBe('BAD_REFRESH_TOKEN');
    expect((await clientFor(env.emulator, grant.access_token).get(`${V}/companies?limit=1`)).status).toBe(401);
  });

  it('when an emulator serves two portals, then each token sees only its own portal\'s companies', async () => {
    const portals = [generatePortal({ size: 'S', seed: 1, portalId: 111 }), generatePortal({ size: 'S', seed: 2, portalId: 222 })];
    const two = await startEmulator({ portals });
    try {
      for (const portal of portals) {
        const page = await clientFor(two, two.issueToken(portal.portalId).access_token).get(`${V}/companies?limit=1&properties=name`);
        expect((page.body.results as { properties: { name: string } }[])[0]?.properties.name).toBe(portal.companies[0]?.properties.name);
      }
      expect(portals[0]?.companies[0]?.properties.name).not.toBe(portals[1]?.companies[0]?.properties.name);
    } finally {
      await two.stop();
    }
  });
});
