import type { OAuthClient, TokenGrant } from '../hubspot/oauth.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { Queryable } from '../store/db.ts';
import { installationsRepository } from '../store/installations-repository.ts';
import { sealGrant, type TokenCipher } from './token-crypto.ts';

export interface CompleteInstallDeps {
  db: Queryable;
  cipher: TokenCipher;
  oauth: Pick<OAuthClient, 'exchangeCode' | 'introspect'>;
  clock: Clock;
  logger: Logger;
  /** Creates Waypoint's property group and properties in the portal (see provisionWaypointProperties). */
  provision(portalId: number): Promise<unknown>;
  enqueueFullSync(portalId: number): Promise<unknown>;
}

export interface InstallOutcome {
  portalId: number;
  hubDomain: string | null;
  scopes: string[];
  /** False when provisioning failed; it is retried at the next start, so the install still counts. */
  propertiesProvisioned: boolean;
}

/**
 * The callback's work after the state checked out: nothing is stored until HubSpot has both issued the tokens and
 * told us, by introspection, which portal they belong to.
 */
export const completeInstall = (deps: CompleteInstallDeps) => async (code: string): Promise<InstallOutcome> =>
  installFromGrant(deps)(await deps.oauth.exchangeCode(code));

/** Everything after the code exchange; the sandbox calls it directly with a grant the emulator issued. */
export const installFromGrant = (deps: Omit<CompleteInstallDeps, 'oauth'> & { oauth: Pick<OAuthClient, 'introspect'> }) => async (grant: TokenGrant): Promise<InstallOutcome> => {
  const info = await deps.oauth.introspect(grant.accessToken);
  if (!info.active || info.hubId === undefined) {
    throw new AppError('OAUTH_EXCHANGE_FAILED', 'HubSpot reported the new token as inactive or without a portal id');
  }
  const portalId = info.hubId;
  const log = portalLogger(deps.logger, portalId);
  const now = deps.clock.now();
  await installationsRepository(deps.db).upsertActive({
    portalId, scopes: info.scopes, hubDomain: info.hubDomain, ...sealGrant(deps.cipher, portalId, grant, now), now,
  });
  log.info({ scopes: info.scopes, hubDomain: info.hubDomain }, 'installation stored');

  let propertiesProvisioned = true;
  try {
    await deps.provision(portalId);
  } catch (error) {
    propertiesProvisioned = false;
    log.warn({ err: error }, 'property provisioning failed at install; it is retried at the next start');
  }
  await deps.enqueueFullSync(portalId);
  log.info('first full sync enqueued');
  return { portalId, hubDomain: info.hubDomain, scopes: info.scopes, propertiesProvisioned };
};
