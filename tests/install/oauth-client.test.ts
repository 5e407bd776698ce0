import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { hubspotApi } from './helpers.ts';

const oauth = createOAuthClient({ apiBaseUrl: hubspotApi, authBaseUrl: 'https://app.hubspot.test', clientId: 'cid', clientSecret: 'csecret', redirectUri: 'https://w.test/oauth/callback' });

describe('HubSpot OAuth client', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('when a code is exchanged, then the form carries the grant, client credentials and redirect URI', async () => {
    let form = new URLSearchParams();
    nock(hubspotApi).post('/oauth/v3/token').reply(200, async (request: Request) => {
      form = new URLSearchParams(await request.text());
      return { access_token: 'a', refresh_token: 'r', expires_in: 1800, token_type: 'bearer' };
    });

    expect(await oauth.exchangeCode('the-code')).toEqual({ accessToken: 'a', refreshToken: 'r', expiresInSeconds: 1800 });
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'authorization_code', client_id: 'cid', client_secret: 'csecret', redirect_uri: 'https://w.test/oauth/callback', code: 'the-code',
    });
  });

  it('when a token is refreshed, then the call leaves through the HubSpot SDK as a form, with no bearer header', async () => {
    let headers: Record<string, string> = {};
    nock(hubspotApi).post('/oauth/v3/token').reply(200, (request: Request) => {
      headers = Object.fromEntries(request.headers.entries());
      return { access_token: 'a2', refresh_token: 'r2', expires_in: 1800, token_type: 'bearer' };
    });

    expect(await oauth.refresh('refresh-secret')).toEqual({ accessToken: 'a2', refreshToken: 'r2', expiresInSeconds: 1800 });
    expect(headers['user-agent']).toMatch(/^hubspot-api-client-nodejs/);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers.authorization).toBeUndefined();
  });

  it.each([
    { story: 'refuses the refresh token (400)', reply: () => nock(hubspotApi).post('/oauth/v3/token').reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'revoked' }), code: 'HUBSPOT_REFRESH_REJECTED', retryable: false },
    { story: 'answers 401', reply: () => nock(hubspotApi).post('/oauth/v3/token').reply(401, { message: 'unauthorized' }), code: 'HUBSPOT_REFRESH_REJECTED', retryable: false },
    { story: 'rate-limits the refresh', reply: () => nock(hubspotApi).post('/oauth/v3/token').reply(429, { errorType: 'RATE_LIMIT' }), code: 'HUBSPOT_RATE_LIMITED', retryable: true },
    { story: 'is down', reply: () => nock(hubspotApi).post('/oauth/v3/token').reply(502, '<html>bad gateway</html>'), code: 'HUBSPOT_UNAVAILABLE', retryable: true },
    { story: 'cannot be reached', reply: () => nock(hubspotApi).post('/oauth/v3/token').replyWithError('ECONNRESET'), code: 'HUBSPOT_NETWORK', retryable: true },
    { story: 'answers 200 without tokens', reply: () => nock(hubspotApi).post('/oauth/v3/token').reply(200, { status: 'ok' }), code: 'HUBSPOT_MALFORMED_RESPONSE', retryable: true },
  ])('when HubSpot $story during a refresh, then the error is $code (retryable: $retryable)', async ({ reply, code, retryable }) => {
    reply();
    const failure = await oauth.refresh('refresh-secret').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code, retryable });
    expect(String((failure as Error).message)).not.toContain('refresh-secret');
  });

  it('when introspection says which portal a token belongs to, then hub id, domain and scopes come back', async () => {
    nock(hubspotApi).post('/oauth/v3/token/introspect').reply(200, { active: true, hub_id: 42, hub_domain: 'acme.hubspot.com', scopes: ['oauth'], token_type: 'access_token' });

    expect(await oauth.introspect('a')).toEqual({ active: true, hubId: 42, hubDomain: 'acme.hubspot.com', scopes: ['oauth'] });
  });
});
