import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { sdkFormTransport } from './sdk-transport.ts';

// HubSpot OAuth v3: https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
// Token and introspection calls are form-encoded and carry the client secret. They are not portal requests (no
// token exists yet, and no portal's budget is spent), so they skip the limiter and retry policy, but they leave
// through the SDK's apiRequest like every other call (sdk-transport.ts).

export interface OAuthClientOptions {
  /** https://api.hubapi.com, or the emulator's base URL. */
  apiBaseUrl: string;
  /** https://app.hubspot.com (authorize page lives at <base>/oauth/authorize), or the emulator's base URL. */
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Replaces the socket under the SDK's apiRequest (fault-injecting tests only), as for the portals' client. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  hub_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
});
export type TokenGrant = { accessToken: string; refreshToken: string; expiresInSeconds: number };

const introspectionSchema = z.object({
  active: z.boolean(),
  hub_id: z.number().int().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()).optional(),
});
export type TokenInfo = { active: boolean; hubId: number | undefined; hubDomain: string | null; scopes: string[] };

const oauthErrorSchema = z.object({ error: z.string().optional(), status: z.string().optional(), message: z.string().optional() }).passthrough();

export interface OAuthClient {
  authorizeUrl(input: { state: string; scopes: readonly string[]; optionalScopes: readonly string[] }): string;
  /** Fails with OAUTH_EXCHANGE_FAILED; the message never contains the code or a token. */
  exchangeCode(code: string): Promise<TokenGrant>;
  /** Fails with HUBSPOT_REFRESH_REJECTED when HubSpot refuses the refresh token (revoked, uninstalled). */
  refresh(refreshToken: string): Promise<TokenGrant>;
  introspect(accessToken: string): Promise<TokenInfo>;
}

type FormResult = { status: number; body: unknown } | { status: 'network'; cause: unknown };

export const createOAuthClient = (options: OAuthClientOptions): OAuthClient => {
  const transport = sdkFormTransport(options.apiBaseUrl, options.fetchImpl);
  const post = async (path: string, form: Record<string, string>): Promise<FormResult> => {
    try {
      const { status, text } = await transport({ path, form, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Non-JSON error pages are kept as text for the status mapping below.
      }
      return { status, body };
    } catch (cause) {
      return { status: 'network', cause };
    }
  };
  const describe = (result: FormResult): string => {
    if (result.status === 'network') return 'HubSpot could not be reached';
    const parsed = oauthErrorSchema.safeParse(result.body);
    const reason = parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
    return `HubSpot answered ${result.status}${reason ? `: ${reason}` : ''}`;
  };
  const toGrant = (body: unknown): TokenGrant => {
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new AppError('HUBSPOT_MALFORMED_RESPONSE', 'HubSpot token response is missing access_token, refresh_token or expires_in');
    return { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token, expiresInSeconds: parsed.data.expires_in };
  };
  const credentials = { client_id: options.clientId, client_secret: options.clientSecret };

  return {
    authorizeUrl({ state, scopes, optionalScopes }) {
      const url = new URL('/oauth/authorize', options.authBaseUrl);
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', options.redirectUri);
      url.searchParams.set('scope', scopes.join(' '));
      if (optionalScopes.length > 0) url.searchParams.set('optional_scope', optionalScopes.join(' '));
      url.searchParams.set('state', state);
      return url.toString();
    },

    async exchangeCode(code) {
      const result = await post('/oauth/v3/token', { grant_type: 'authorization_code', ...credentials, redirect_uri: options.redirectUri, code });
      // HubSpot answers 400 for a code that was already used, has expired or was never issued: retrying cannot help,
      // only a fresh install can.
      if (result.status === 400 || result.status === 401) {
        throw new AppError('OAUTH_CODE_REJECTED', `HubSpot refused the authorization code (already used, expired or not issued to this app): ${describe(result)}. Start the install again.`);
      }
      if (result.status !== 200) throw new AppError('OAUTH_EXCHANGE_FAILED', `Could not exchange the authorization code: ${describe(result)}`);
      try {
        return toGrant(result.body);
      } catch (cause) {
        throw new AppError('OAUTH_EXCHANGE_FAILED', 'Could not exchange the authorization code: malformed token response', { cause });
      }
    },

    async refresh(refreshToken) {
      const result = await post('/oauth/v3/token', { grant_type: 'refresh_token', ...credentials, refresh_token: refreshToken });
      if (result.status === 200) return toGrant(result.body);
      // 400/401 mean HubSpot will never accept this refresh token again (invalid_grant, revoked, app uninstalled).
      if (result.status === 400 || result.status === 401) throw new AppError('HUBSPOT_REFRESH_REJECTED', `Refresh token rejected: ${describe(result)}`);
      if (result.status === 'network') throw new AppError('HUBSPOT_NETWORK', describe(result), { cause: result.cause });
      if (result.status === 429) throw new AppError('HUBSPOT_RATE_LIMITED', describe(result));
      throw new AppError('HUBSPOT_UNAVAILABLE', `Token refresh failed: ${describe(result)}`);
    },

    async introspect(accessToken) {
      const result = await post('/oauth/v3/token/introspect', { ...credentials, token: accessToken, token_type_hint: 'access_token' });
      if (result.status !== 200) throw new AppError('OAUTH_EXCHANGE_FAILED', `Could not introspect the new token: ${describe(result)}`);
      const parsed = introspectionSchema.safeParse(result.body);
      if (!parsed.success) throw new AppError('OAUTH_EXCHANGE_FAILED', 'Token introspection response is missing active or hub_id');
      return { active: parsed.data.active, hubId: parsed.data.hub_id, hubDomain: parsed.data.hub_domain ?? null, scopes: parsed.data.scopes ?? [] };
    },
  };
};
