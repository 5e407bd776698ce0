import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { createInstallationTokenProvider } from '../../src/install/token-provider.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { freshPostgresDatabase } from '../helpers/stores.ts';
import { capturingLogger, hubspotApi, storeInstallation, testCipher } from './helpers.ts';

// Two connection pools on one PostgreSQL database stand in for two Waypoint processes: only the row lock
// (SELECT ... FOR UPDATE) keeps them from refreshing the same portal twice. Runs when DATABASE_URL is set.
const databaseUrl = process.env.DATABASE_URL;
const now = new Date('2026-11-23T12:00:00Z');

describe.skipIf(!databaseUrl)('token refresh across processes on PostgreSQL', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let processA: Db;
  let processB: Db;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    fresh = await freshPostgresDatabase(databaseUrl ?? '');
    processA = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
    processB = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
  });
  afterAll(async () => {
    nock.cleanAll();
    await processA?.close();
    await processB?.close();
    await fresh?.drop();
  });

  it('when ten callers in each of two processes find the token expired, then HubSpot sees one refresh and everyone gets its token', async () => {
    const cipher = testCipher();
    await storeInstallation(processA, cipher, { portalId: 77, accessToken: 'access-old', refreshToken: 'refresh-77', expiresAt: new Date(now.getTime() - 1000) });
    let refreshes = 0;
    nock(hubspotApi).post('/oauth/v3/token').times(2).delay(200).reply(200, () => {
      refreshes += 1;
      return { access_token: `access-new-${refreshes}`, refresh_token: 'refresh-77', expires_in: 1800, token_type: 'bearer' };
    });
    const oauth = createOAuthClient({ apiBaseUrl: hubspotApi, authBaseUrl: hubspotApi, clientId: 'c', clientSecret: 's', redirectUri: 'https://w.test/cb' });
    const provider = (db: Db) => createInstallationTokenProvider({ db, cipher, oauth, clock: fixedClock(now), logger: capturingLogger().logger });
    const [a, b] = [provider(processA), provider(processB)];

    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).getAccessToken(77)));

    expect(refreshes).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['access-new-1']));
  });
});
