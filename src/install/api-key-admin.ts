import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ApiKeyRecord, ApiKeysRepository } from '../store/api-keys-repository.ts';
import { mintApiKey, type MintedApiKey } from './api-keys.ts';

// What the settings page and the operator CLI do with keys, in one place so both name, list and revoke alike.

export const apiKeyNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const apiKeyPrefixSchema = z.string().regex(/^wp_[A-Za-z0-9_-]{1,8}$/, 'must be the start of a key as listed, like wp_AbC12xyZ');

/** A key as lists show it: never the key, only its prefix. */
export const describeApiKey = (record: ApiKeyRecord) => ({
  id: record.id,
  name: record.name,
  prefix: record.keyPrefix,
  createdAt: record.createdAt.toISOString(),
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  revokedAt: record.revokedAt?.toISOString() ?? null,
});
export type ApiKeyListing = ReturnType<typeof describeApiKey>;

export const createApiKey = (deps: { apiKeys: ApiKeysRepository; clock: Clock }, portalId: number, name: unknown): Promise<MintedApiKey> => {
  const parsed = apiKeyNameSchema.safeParse(name);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return mintApiKey(deps, { portalId, name: parsed.data });
};

/** Revokes the one active key of the portal whose prefix starts with `prefix`; two matches revoke nothing. */
export const revokeApiKeyByPrefix = async (deps: { apiKeys: ApiKeysRepository; clock: Clock }, portalId: number, prefix: unknown): Promise<ApiKeyRecord> => {
  const parsed = apiKeyPrefixSchema.safeParse(prefix);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `prefix: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const matches = await deps.apiKeys.activeByPrefix(portalId, parsed.data);
  const [only, ...others] = matches;
  if (!only) throw new AppError('NOT_FOUND', `No active API key of portal ${portalId} starts with ${parsed.data}`);
  if (others.length > 0) throw new AppError('CONFLICT', `${matches.length} active keys start with ${parsed.data}; give more of the prefix`);
  await deps.apiKeys.revoke(portalId, only.id, deps.clock.now());
  return { ...only, revokedAt: deps.clock.now() };
};
