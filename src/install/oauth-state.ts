import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock.ts';
import type { OAuthStatesRepository } from '../store/oauth-states-repository.ts';

// The OAuth state guards the callback against CSRF and replay: it is signed (so we only look up ids we issued),
// recorded (so it works once), and expires in ten minutes.
export const oauthStateTtlMs = 10 * 60 * 1000;

export type StateRejection = 'malformed' | 'forged' | 'expired_or_used';

export interface OAuthStateService {
  issue(): Promise<string>;
  consume(state: string | undefined): Promise<{ ok: true } | { ok: false; reason: StateRejection }>;
}

export const createOAuthStateService = (deps: {
  /** Any server secret (the HubSpot client secret); a purpose-specific key is derived from it. */
  signingSecret: string;
  states: OAuthStatesRepository;
  clock: Clock;
}): OAuthStateService => {
  const key = Buffer.from(hkdfSync('sha256', deps.signingSecret, 'waypoint', 'oauth-state-v1', 32));
  const sign = (stateId: string) => createHmac('sha256', key).update(stateId).digest('base64url');

  return {
    async issue() {
      const stateId = randomBytes(18).toString('base64url');
      const now = deps.clock.now();
      // Housekeeping rides on issuance: the table stays as small as the last ten minutes of install clicks.
      await deps.states.purgeExpired(now);
      await deps.states.insert(stateId, now, new Date(now.getTime() + oauthStateTtlMs));
      return `${stateId}.${sign(stateId)}`;
    },

    async consume(state) {
      const [stateId, mac, ...rest] = (state ?? '').split('.');
      if (!stateId || !mac || rest.length > 0) return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(sign(stateId));
      const received = Buffer.from(mac);
      if (expected.length !== received.length || !timingSafeEqual(expected, received)) return { ok: false, reason: 'forged' };
      const consumed = await deps.states.consume(stateId, deps.clock.now());
      return consumed ? { ok: true } : { ok: false, reason: 'expired_or_used' };
    },
  };
};
