import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock.ts';
import type { ApiKeyRecord, ApiKeysRepository } from '../store/api-keys-repository.ts';

// Keys look like wp_<43 base64url chars> (256 random bits): the wp_ marker lets secret scanners and log redaction
// recognise them, and the first 11 characters are kept as a display prefix.
const keyPattern = /^wp_[A-Za-z0-9_-]{43}$/;
const prefixLength = 11;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export interface MintedApiKey {
  /** Shown once to whoever minted it; only its hash is stored. */
  key: string;
  record: ApiKeyRecord;
}

export const mintApiKey = async (
  deps: { apiKeys: ApiKeysRepository; clock: Clock },
  input: { portalId: number; name: string; scopes?: readonly string[] },
): Promise<MintedApiKey> => {
  const key = `wp_${randomBytes(32).toString('base64url')}`;
  const record = await deps.apiKeys.insert({
    portalId: input.portalId, name: input.name, keyPrefix: key.slice(0, prefixLength), keyHash: hashApiKey(key),
    scopes: input.scopes ?? ['admin'], now: deps.clock.now(),
  });
  return { key, record };
};

/** The key's record when the presented key is well-formed, known and not revoked. */
export const authenticateApiKey = async (deps: { apiKeys: ApiKeysRepository }, presented: string): Promise<ApiKeyRecord | null> => {
  if (!keyPattern.test(presented)) return null;
  return deps.apiKeys.findActiveByHash(hashApiKey(presented));
};
