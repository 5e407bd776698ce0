import { randomUUID } from 'node:crypto';
import type { Handler, RequestContext, Reply } from './context.ts';
import type { TokenStore } from './tokens.ts';

export interface OAuthEnv {
  clientId: string;
  clientSecret: string;
  appId: number;
  tokens: TokenStore;
  portalIds: () => number[];
  userOf: (portalId: number) => { id: number; email: string };
  redirectUris: readonly string[] | null;
}

const oauthError = (status: number, code: string, message: string, error = 'invalid_request'): Reply => ({
  status, body: { status: code, message, correlationId: randomUUID(), category: 'VALIDATION_ERROR', error, error_description: message },
});

const form = (ctx: RequestContext): Record<string, string> => {
  const body = ctx.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
};

const checkClient = (env: OAuthEnv, f: Record<string, string>): Reply | null => {
  if (f.client_id !== env.clientId) return oauthError(400, 'BAD_CLIENT_ID', 'missing or unknown client_id', 'invalid_client');
  if (f.client_secret !== env.clientSecret) return oauthError(400, 'BAD_CLIENT_SECRET', 'missing or invalid client_secret', 'invalid_client');
  return null;
};

const splitScopes = (raw: string | null): string[] => (raw ?? '').split(/[\s+]+/).filter((s) => s !== '');

export const oauthHandlers = (env: OAuthEnv): Record<'authorize' | 'token' | 'introspect' | 'revoke', Handler> => ({
  /** The consent page approves at once (or refuses when asked to with emulator_consent=deny) and redirects back. */
  authorize: (ctx) => {
    const q = ctx.url.searchParams;
    if (q.get('client_id') !== env.clientId) return oauthError(400, 'BAD_CLIENT_ID', 'Unknown client_id: the app is not installed in this emulator', 'invalid_client');
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri || !URL.canParse(redirectUri)) return oauthError(400, 'BAD_REDIRECT_URI', 'redirect_uri is missing or not a URL');
    if (env.redirectUris && !env.redirectUris.includes(redirectUri)) return oauthError(400, 'BAD_REDIRECT_URI', `redirect_uri ${redirectUri} is not one of the app's redirect URLs`);
    const target = new URL(redirectUri);
    const state = q.get('state');
    if (q.get('emulator_consent') === 'deny') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user declined to install the app');
    } else {
      const wanted = Number(q.get('emulator_portal_id') ?? env.portalIds()[0]);
      if (!env.portalIds().includes(wanted)) return oauthError(400, 'BAD_PORTAL', `No portal ${wanted} in this emulator`);
      const scopes = [...new Set([...splitScopes(q.get('scope')), ...splitScopes(q.get('optional_scope'))])];
      target.searchParams.set('code', env.tokens.issueCode(wanted, scopes, redirectUri));
    }
    if (state !== null) target.searchParams.set('state', state);
    const location = target.toString();
    return {
      status: 302, headers: { location, 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><title>Approve Waypoint</title><p>Approved. Redirecting to <a href="${location.replace(/"/g, '&quot;')}">the app</a>.</p>`,
    };
  },

  token: (ctx) => {
    const f = form(ctx);
    const bad = checkClient(env, f);
    if (bad) return bad;
    if (f.grant_type === 'authorization_code') {
      if (!f.code) return oauthError(400, 'BAD_AUTH_CODE', 'code is required for grant_type=authorization_code', 'invalid_grant');
      const result = env.tokens.exchangeCode(f.code, f.redirect_uri ?? '', (portalId) => env.userOf(portalId).id);
      if (result === 'BAD_AUTH_CODE') return oauthError(400, result, 'the authorization code is invalid, expired or already used', 'invalid_grant');
      if (result === 'BAD_REDIRECT_URI') return oauthError(400, result, 'redirect_uri does not match the one used to authorize', 'invalid_grant');
      return { status: 200, body: result };
    }
    if (f.grant_type === 'refresh_token') {
      const result = env.tokens.refresh(f.refresh_token ?? '');
      if (result === 'BAD_REFRESH_TOKEN') return oauthError(400, result, 'missing or invalid refresh token', 'invalid_grant');
      return { status: 200, body: result };
    }
    return oauthError(400, 'BAD_GRANT_TYPE', `grant_type ${f.grant_type ?? '(missing)'} is not supported`, 'unsupported_grant_type');
  },

  introspect: (ctx) => {
    const f = form(ctx);
    const bad = checkClient(env, f);
    if (bad) return bad;
    const found = env.tokens.introspect(f.token ?? '');
    if (!found) return { status: 200, body: { active: false } };
    const user = env.userOf(found.portalId);
    return {
      status: 200, body: {
        active: true, token: f.token, token_use: found.kind === 'access' ? 'access_token' : 'refresh_token', token_type: 'bearer',
        hub_id: found.portalId, hub_domain: `portal-${found.portalId}.emulator.test`, app_id: env.appId, client_id: env.clientId,
        user_id: user.id, user: user.email, scopes: found.scopes,
        ...(found.kind === 'access' ? { expires_in: found.expiresIn, is_private_distribution: false } : {}),
      },
    };
  },

  revoke: (ctx) => {
    const f = form(ctx);
    const bad = checkClient(env, f);
    if (bad) return bad;
    env.tokens.revoke(f.token ?? '');
    return { status: 204 };
  },
});
