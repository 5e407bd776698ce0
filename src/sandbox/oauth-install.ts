import { AppError } from '../shared/errors.ts';

const MAX_HOPS = 5;

/**
 * Installs Waypoint the way an admin would: open /oauth/install, follow HubSpot's (here the emulator's) consent
 * redirect back to /oauth/callback, and check the callback succeeded. Nothing is faked: the state, the code
 * exchange, the introspection and provisioning all run through the real routes.
 */
export const installThroughOAuth = async (appBaseUrl: string, fetchImpl: typeof fetch = fetch): Promise<void> => {
  let url = `${appBaseUrl}/oauth/install`;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const response = await fetchImpl(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    if (response.ok && new URL(url).pathname.endsWith('/oauth/callback')) return;
    const body = (await response.text()).slice(0, 300);
    throw new AppError('OAUTH_EXCHANGE_FAILED', `Sandbox install stopped at ${new URL(url).pathname} with HTTP ${response.status}: ${body}`);
  }
  throw new AppError('OAUTH_EXCHANGE_FAILED', `Sandbox install did not finish within ${MAX_HOPS} redirects`);
};
