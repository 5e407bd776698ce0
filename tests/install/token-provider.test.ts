import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { reencryptInstallationTokens } from '../../src/install/reencrypt-tokens.ts';
import { createInstallationTokenProvider } from '../../src/install/token-provider.ts';
import { fixedClock, type Clock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { capturingLogger, dumpStore, hubspotApi, openTestStore, storeInstallation, testCipher } from './helpers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const oauth = createOAuthClient({ apiBaseUrl: hubspotApi, authBaseUrl: 'https://app.hubspot.test', clientId: 'cid', clientSecret: 'csecret', redirectUri: 'https://w.test/oauth/callback' });

const refreshReply = (accessToken: string) => ({ access_token: accessToken, refresh_token: 'refresh-same', expires_in: 1800, token_type: 'bearer' });
// nock 15 hands reply functions the fetch Request itself.
const formOf = async (request: Request) => new URLSearchParams(await request.text());

describe('token provider', () => {
  let db: Db;
  let clock: Clock;
  beforeAll(() => {
    nock.disableNetConnect();
  });
  beforeEach(async () => {
    db = await openTestStore();
    clock = fixedClock(now);
  });
  afterEach(async () => {
    nock.cleanAll();
    await db.close();
  });

  it('when the stored token is still fresh, then it is returned without calling HubSpot', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 1, accessToken: 'access-fresh', refreshToken: 'refresh-1', expiresAt: new Date(now.getTime() + 20 * 60_000) });
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });
    expect(await provider.getAccessToken(1)).toBe('access-fresh');
  });

  it('when twenty calls arrive for a portal whose token just expired, then exactly one refresh is made and all get the new token', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 7, accessToken: 'access-old', refreshToken: 'refresh-7', expiresAt: new Date(now.getTime() - 1000) });
    let refreshes = 0;
    nock(hubspotApi).post('/oauth/v3/token').times(20).reply(200, async (request: Request) => {
      refreshes += 1;
      const form = await formOf(request);
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('refresh_token')).toBe('refresh-7');
      return refreshReply('access-new');
    });
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getAccessToken(7)));

    expect(refreshes).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['access-new']));
    const row = await installationsRepository(db).find(7);
    expect(row?.accessExpiresAt?.toISOString()).toBe(new Date(now.getTime() + 1800_000).toISOString());
  });

  it('when two processes share the store and both see an expired token, then only one refreshes and the other uses its token', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 8, accessToken: 'access-old', refreshToken: 'refresh-8', expiresAt: new Date(now.getTime() + 60_000) });
    let refreshes = 0;
    nock(hubspotApi).post('/oauth/v3/token').times(2).reply(200, () => {
      refreshes += 1;
      return refreshReply(`access-new-${refreshes}`);
    });
    const processA = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });
    const processB = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    const [a, b] = await Promise.all([processA.getAccessToken(8), processB.getAccessToken(8)]);

    expect(refreshes).toBe(1);
    expect([a, b]).toEqual(['access-new-1', 'access-new-1']);
  });

  it('when HubSpot rejects the refresh token, then that installation becomes inactive while another portal keeps working', async () => {
    const cipher = testCipher();
    const expired = new Date(now.getTime() - 1000);
    await storeInstallation(db, cipher, { portalId: 100, accessToken: 'access-100', refreshToken: 'refresh-revoked', expiresAt: expired });
    await storeInstallation(db, cipher, { portalId: 200, accessToken: 'access-200', refreshToken: 'refresh-200', expiresAt: expired });
    nock(hubspotApi).post('/oauth/v3/token').times(2).reply(async (request: Request) => ((await formOf(request)).get('refresh_token') === 'refresh-revoked'
      ? [400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }]
      : [200, refreshReply('access-200-new')]));
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    await expect(provider.getAccessToken(100)).rejects.toMatchObject({ code: 'HUBSPOT_REFRESH_REJECTED' });
    expect(await provider.getAccessToken(200)).toBe('access-200-new');

    const revoked = await installationsRepository(db).find(100);
    expect(revoked).toMatchObject({ status: 'inactive', accessTokenEnc: null, refreshTokenEnc: null });
    expect(revoked?.statusReason).toMatch(/refresh_rejected/);
    expect((await installationsRepository(db).find(200))?.status).toBe('active');
    await expect(provider.getAccessToken(100)).rejects.toMatchObject({ code: 'INSTALLATION_INACTIVE' });
  });

  it('when HubSpot is down during a refresh, then the caller gets a retryable error and the installation stays active', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 5, accessToken: 'a', refreshToken: 'r', expiresAt: new Date(now.getTime() - 1000) });
    nock(hubspotApi).post('/oauth/v3/token').reply(503, { status: 'error', message: 'unavailable' });
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    await expect(provider.getAccessToken(5)).rejects.toMatchObject({ code: 'HUBSPOT_UNAVAILABLE', retryable: true });
    expect((await installationsRepository(db).find(5))?.status).toBe('active');
  });

  it('when ENCRYPTION_KEY rotates with the old key kept as previous, then stored tokens still work and refreshes are written under the new key', async () => {
    const oldCipher = testCipher('k1');
    await storeInstallation(db, oldCipher, { portalId: 3, accessToken: 'access-3', refreshToken: 'refresh-3', expiresAt: new Date(now.getTime() + 20 * 60_000) });
    await storeInstallation(db, oldCipher, { portalId: 4, accessToken: 'access-4', refreshToken: 'refresh-4', expiresAt: new Date(now.getTime() - 1000) });
    const rotated = testCipher('k2', undefined, `k1:${oldCipher.key}`);
    nock(hubspotApi).post('/oauth/v3/token').reply(async (request: Request) => [(await formOf(request)).get('refresh_token') === 'refresh-4' ? 200 : 400, refreshReply('access-4-new')]);
    const provider = createInstallationTokenProvider({ db, cipher: rotated, oauth, clock, logger: capturingLogger().logger });

    expect(await provider.getAccessToken(3)).toBe('access-3');
    expect(await provider.getAccessToken(4)).toBe('access-4-new');
    const refreshed = await installationsRepository(db).find(4);
    expect(rotated.keyIdOf(refreshed?.accessTokenEnc ?? '')).toBe('k2');
    expect(rotated.keyIdOf(refreshed?.refreshTokenEnc ?? '')).toBe('k2');
  });

  it('when tokens are re-encrypted after a rotation, then the previous key can be retired and every installation keeps working', async () => {
    const oldCipher = testCipher('k1');
    for (const portalId of [31, 32]) {
      await storeInstallation(db, oldCipher, { portalId, accessToken: `access-${portalId}`, refreshToken: `refresh-${portalId}`, expiresAt: new Date(now.getTime() + 20 * 60_000) });
    }
    const rotated = testCipher('k2', undefined, `k1:${oldCipher.key}`);

    expect(await reencryptInstallationTokens({ db, cipher: rotated })).toEqual({ rewritten: 2, current: 0 });
    expect(await reencryptInstallationTokens({ db, cipher: rotated })).toEqual({ rewritten: 0, current: 2 });

    const newKeyOnly = testCipher('k2', rotated.key);
    const provider = createInstallationTokenProvider({ db, cipher: newKeyOnly, oauth, clock, logger: capturingLogger().logger });
    expect([await provider.getAccessToken(31), await provider.getAccessToken(32)]).toEqual(['access-31', 'access-32']);
  });

  it('when HubSpot rejected a token, then invalidate forces one refresh, but a token refreshed moments ago is kept', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 9, accessToken: 'access-9', refreshToken: 'refresh-9', expiresAt: new Date(now.getTime() + 20 * 60_000), now: new Date(now.getTime() - 10 * 60_000) });
    let refreshes = 0;
    nock(hubspotApi).post('/oauth/v3/token').times(2).reply(200, () => {
      refreshes += 1;
      return refreshReply(`access-9-new-${refreshes}`);
    });
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger: capturingLogger().logger });

    await provider.invalidate?.(9);
    expect(await provider.getAccessToken(9)).toBe('access-9-new-1');
    await provider.invalidate?.(9);
    expect(await provider.getAccessToken(9)).toBe('access-9-new-1');
    expect(refreshes).toBe(1);
  });

  it('when tokens are refreshed and used, then no plaintext token reaches the store or the logs', async () => {
    const cipher = testCipher();
    const { logger, lines } = capturingLogger();
    await storeInstallation(db, cipher, { portalId: 11, accessToken: 'access-secret-old', refreshToken: 'refresh-secret', expiresAt: new Date(now.getTime() - 1000) });
    nock(hubspotApi).post('/oauth/v3/token').reply(200, refreshReply('access-secret-new'));
    const provider = createInstallationTokenProvider({ db, cipher, oauth, clock, logger });

    expect(await provider.getAccessToken(11)).toBe('access-secret-new');

    const everything = `${await dumpStore(db)}\n${lines.join('')}`;
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ['access-secret-old', 'access-secret-new', 'refresh-secret', 'refresh-same']) expect(everything).not.toContain(secret);
  });
});
