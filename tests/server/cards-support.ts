import { createHmac } from 'node:crypto';
import type { Router } from 'express';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { createApp } from '../../src/server/create-app.ts';
import { verifyHubSpotSignature } from '../../src/server/middleware/verify-hubspot-signature.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { NOW } from '../writeback/support.ts';

export const CLIENT_SECRET = 'card-test-client-secret';
export const PUBLIC_BASE_URL = 'https://waypoint.example.com';
export const silentLogger = createLogger({ level: 'silent' });
export const clock = fixedClock(NOW);
export const verifier = verifyHubSpotSignature({ clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });

export const appWith = (db: Db, routers: Router[]) => createApp({ logger: silentLogger, db, routers });

// Written from HubSpot's request-validation page, not from src/hubspot/signature.ts, so a shared misreading of the
// algorithm cannot make both sides agree: HMAC-SHA256 (client secret) over method + URI + body + timestamp, base64,
// where the URI has these escapes decoded first.
const hubspotDecodes: ReadonlyArray<[string, string]> = [
  ['%3A', ':'], ['%2F', '/'], ['%3F', '?'], ['%40', '@'], ['%21', '!'], ['%24', '$'],
  ['%27', "'"], ['%28', '('], ['%29', ')'], ['%2A', '*'], ['%2C', ','], ['%3B', ';'],
];

export const signV3 = (options: { method: string; url: string; body?: string; timestamp: number; secret?: string }) => {
  let uri = options.url;
  for (const [escape, char] of hubspotDecodes) uri = uri.split(escape).join(char).split(escape.toLowerCase()).join(char);
  const source = `${options.method.toUpperCase()}${uri}${options.body ?? ''}${options.timestamp}`;
  return {
    'X-HubSpot-Signature-v3': createHmac('sha256', options.secret ?? CLIENT_SECRET).update(source, 'utf8').digest('base64'),
    'X-HubSpot-Request-Timestamp': String(options.timestamp),
  };
};

export const cardPath = (portalId: number, objectId: string, path = '/api/cards/company') => `${path}?portalId=${portalId}&objectId=${objectId}`;

export const installPortal = (db: Db, portalId: number) =>
  installationsRepository(db).upsertActive({
    portalId, scopes: ['oauth'], hubDomain: `portal-${portalId}.example`, accessTokenEnc: 'enc-access', refreshTokenEnc: 'enc-refresh',
    accessExpiresAt: new Date(NOW.getTime() + 3_600_000), now: NOW,
  });

export const addCompany = (db: Db, portalId: number, id: string, properties: Record<string, string | null> = {}) =>
  crmRepository(db).upsertObjects(portalId, 'companies', [{ id, properties: { name: `Company ${id}`, lifecyclestage: 'customer', ...properties } }]);

export const addScores = async (db: Db, portalId: number, cards: readonly ScoreCard[]) => {
  for (const card of cards) await scoresRepository(db).insert(portalId, card, null);
};
