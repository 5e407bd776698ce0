import type { OAuthClient } from '../hubspot/oauth.ts';
import type { TokenProvider } from '../hubspot/token-provider.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { installationsRepository, type Installation } from '../store/installations-repository.ts';
import { sealGrant, tokenContext, type TokenCipher } from './token-crypto.ts';

// Access tokens live 30 minutes; refreshing a little early means no HubSpot call ever races the expiry.
export const defaultRefreshLeadMs = 5 * 60 * 1000;
// A 401 right after a refresh is not a reason to throw the brand-new token away (HubSpot says 401 is not a
// reliable expiry signal), so invalidate() spares tokens younger than this.
const freshTokenGraceMs = 60 * 1000;

type Cached = { token: string; expiresAt: Date };
type Refreshed = { kind: 'token'; cached: Cached } | { kind: 'inactive'; status: string } | { kind: 'rejected'; error: AppError };

export interface InstallationTokenProviderDeps {
  db: Db;
  cipher: TokenCipher;
  oauth: Pick<OAuthClient, 'refresh'>;
  clock: Clock;
  logger: Logger;
  refreshLeadMs?: number;
}

/**
 * The real TokenProvider: one refresh at a time per portal. In this process concurrent callers share one promise;
 * across processes the refresh runs under SELECT ... FOR UPDATE and re-checks the expiry, so a process that waited
 * for the lock uses the token its peer just stored instead of refreshing again.
 */
export const createInstallationTokenProvider = (deps: InstallationTokenProviderDeps): TokenProvider => {
  const leadMs = deps.refreshLeadMs ?? defaultRefreshLeadMs;
  const cache = new Map<number, Cached>();
  const inFlight = new Map<number, Promise<string>>();
  const isFresh = (expiresAt: Date | null) => expiresAt !== null && expiresAt.getTime() - leadMs > deps.clock.now().getTime();
  const decryptAccess = (row: Installation): Cached => ({
    token: deps.cipher.decrypt(row.accessTokenEnc ?? '', tokenContext(row.portalId, 'access')),
    expiresAt: row.accessExpiresAt ?? new Date(0),
  });
  const notActive = (portalId: number, status: string) =>
    new AppError('INSTALLATION_INACTIVE', `Portal ${portalId} is ${status === 'missing' ? 'not installed' : status}; reinstall Waypoint to resume`);

  const refreshUnderLock = (portalId: number): Promise<Refreshed> =>
    deps.db.transaction(async (tx): Promise<Refreshed> => {
      const row = await installationsRepository(tx).findForUpdate(portalId);
      if (!row || row.status !== 'active' || !row.refreshTokenEnc) return { kind: 'inactive', status: row?.status ?? 'missing' };
      if (row.accessTokenEnc && isFresh(row.accessExpiresAt)) return { kind: 'token', cached: decryptAccess(row) };
      try {
        const grant = await deps.oauth.refresh(deps.cipher.decrypt(row.refreshTokenEnc, tokenContext(portalId, 'refresh')));
        const now = deps.clock.now();
        const sealed = sealGrant(deps.cipher, portalId, grant, now);
        await installationsRepository(tx).updateTokens(portalId, sealed, now);
        return { kind: 'token', cached: { token: grant.accessToken, expiresAt: sealed.accessExpiresAt } };
      } catch (error) {
        // Returned, not thrown: throwing would roll back nothing useful, and the deactivation must commit.
        if (isAppError(error) && error.code === 'HUBSPOT_REFRESH_REJECTED') return { kind: 'rejected', error };
        throw error;
      }
    });

  const obtain = async (portalId: number): Promise<string> => {
    const log = portalLogger(deps.logger, portalId);
    const row = await installationsRepository(deps.db).find(portalId);
    if (!row || row.status !== 'active') throw notActive(portalId, row?.status ?? 'missing');
    if (row.accessTokenEnc && isFresh(row.accessExpiresAt)) {
      const cached = decryptAccess(row);
      cache.set(portalId, cached);
      return cached.token;
    }
    const outcome = await refreshUnderLock(portalId);
    if (outcome.kind === 'inactive') throw notActive(portalId, outcome.status);
    if (outcome.kind === 'rejected') {
      await installationsRepository(deps.db).deactivate(portalId, 'inactive', `refresh_rejected: ${outcome.error.message}`, deps.clock.now());
      cache.delete(portalId);
      log.warn({ code: outcome.error.code }, 'HubSpot rejected the refresh token; installation marked inactive');
      throw outcome.error;
    }
    cache.set(portalId, outcome.cached);
    log.info({ expiresAt: outcome.cached.expiresAt.toISOString() }, 'access token ready');
    return outcome.cached.token;
  };

  return {
    async getAccessToken(portalId) {
      const cached = cache.get(portalId);
      if (cached && isFresh(cached.expiresAt)) return cached.token;
      const pending = inFlight.get(portalId);
      if (pending) return pending;
      const started = obtain(portalId).finally(() => inFlight.delete(portalId));
      inFlight.set(portalId, started);
      return started;
    },

    async invalidate(portalId) {
      cache.delete(portalId);
      const now = deps.clock.now();
      await installationsRepository(deps.db).expireAccessToken(portalId, now, new Date(now.getTime() - freshTokenGraceMs));
    },
  };
};
