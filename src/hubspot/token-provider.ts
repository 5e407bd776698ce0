/** Supplies a portal's current access token; the OAuth module provides the real one (refreshing before expiry). */
export interface TokenProvider {
  getAccessToken(portalId: number): Promise<string>;
  /** Forget a token HubSpot rejected, so the next getAccessToken fetches a fresh one. */
  invalidate?(portalId: number): Promise<void>;
}
