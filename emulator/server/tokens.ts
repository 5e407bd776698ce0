import { randomBytes } from 'node:crypto';

export interface TokenGrant {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
  hub_id: number;
  scopes: string[];
  user_id: number;
  token_use: 'access_token';
}

interface Install { portalId: number; scopes: string[]; userId: number; refreshToken: string; revoked: boolean }
interface Access { portalId: number; expiresAt: number; refreshToken: string; revoked: boolean }
interface Code { portalId: number; scopes: string[]; redirectUri: string; expiresAt: number }

export type AccessCheck =
  | { ok: true; portalId: number; scopes: readonly string[] }
  | { ok: false; reason: 'unknown' | 'expired'; expiredSecondsAgo?: number };

const token = (prefix: string): string => `${prefix}-${randomBytes(24).toString('base64url')}`;

/** OAuth state: authorization codes, installs (one refresh token each) and short-lived access tokens. */
export class TokenStore {
  private readonly codes = new Map<string, Code>();
  private readonly installs = new Map<string, Install>();
  private readonly access = new Map<string, Access>();
  private readonly clock: () => number;
  private readonly ttlSeconds: number;

  constructor(clock: () => number, ttlSeconds: number) {
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  issueCode(portalId: number, scopes: string[], redirectUri: string): string {
    const code = token('code');
    this.codes.set(code, { portalId, scopes, redirectUri, expiresAt: this.clock() + 10 * 60_000 });
    return code;
  }

  private grant(install: Install): TokenGrant {
    const accessToken = token('emu-at');
    this.access.set(accessToken, { portalId: install.portalId, expiresAt: this.clock() + this.ttlSeconds * 1000, refreshToken: install.refreshToken, revoked: false });
    return {
      access_token: accessToken, refresh_token: install.refreshToken, expires_in: this.ttlSeconds, token_type: 'bearer',
      hub_id: install.portalId, scopes: install.scopes, user_id: install.userId, token_use: 'access_token',
    };
  }

  /** Installs the app in a portal directly, as if a user had approved the consent page. */
  install(portalId: number, scopes: string[], userId: number): TokenGrant {
    const install: Install = { portalId, scopes, userId, refreshToken: token('emu-rt'), revoked: false };
    this.installs.set(install.refreshToken, install);
    return this.grant(install);
  }

  exchangeCode(code: string, redirectUri: string, userIdOf: (portalId: number) => number): TokenGrant | 'BAD_AUTH_CODE' | 'BAD_REDIRECT_URI' {
    const found = this.codes.get(code);
    if (!found || found.expiresAt < this.clock()) return 'BAD_AUTH_CODE';
    if (found.redirectUri !== redirectUri) return 'BAD_REDIRECT_URI';
    this.codes.delete(code);
    return this.install(found.portalId, found.scopes, userIdOf(found.portalId));
  }

  refresh(refreshToken: string): TokenGrant | 'BAD_REFRESH_TOKEN' {
    const install = this.installs.get(refreshToken);
    if (!install || install.revoked) return 'BAD_REFRESH_TOKEN';
    return this.grant(install);
  }

  check(accessToken: string): AccessCheck {
    const found = this.access.get(accessToken);
    if (!found || found.revoked || this.installs.get(found.refreshToken)?.revoked) return { ok: false, reason: 'unknown' };
    const now = this.clock();
    if (found.expiresAt <= now) return { ok: false, reason: 'expired', expiredSecondsAgo: Math.ceil((now - found.expiresAt) / 1000) };
    return { ok: true, portalId: found.portalId, scopes: this.installs.get(found.refreshToken)?.scopes ?? [] };
  }

  introspect(value: string): { kind: 'access' | 'refresh'; portalId: number; scopes: string[]; userId: number; expiresIn: number } | null {
    const access = this.access.get(value);
    if (access) {
      const install = this.installs.get(access.refreshToken);
      const expiresIn = Math.floor((access.expiresAt - this.clock()) / 1000);
      if (!install || install.revoked || access.revoked || expiresIn <= 0) return null;
      return { kind: 'access', portalId: access.portalId, scopes: install.scopes, userId: install.userId, expiresIn };
    }
    const install = this.installs.get(value);
    if (!install || install.revoked) return null;
    return { kind: 'refresh', portalId: install.portalId, scopes: install.scopes, userId: install.userId, expiresIn: 0 };
  }

  /** Revoking a refresh token uninstalls: its access tokens stop working too. */
  revoke(value: string): boolean {
    const install = this.installs.get(value);
    if (install) {
      install.revoked = true;
      return true;
    }
    const access = this.access.get(value);
    if (access) {
      access.revoked = true;
      return true;
    }
    return false;
  }

  /** Test helper: every access token of the portal (or all) expires now. */
  expireAccessTokens(portalId?: number): void {
    const now = this.clock();
    for (const a of this.access.values()) if (portalId === undefined || a.portalId === portalId) a.expiresAt = Math.min(a.expiresAt, now);
  }
}
