import { parseArgs } from 'node:util';
import { createApiKey, describeApiKey, revokeApiKeyByPrefix } from '../install/api-key-admin.ts';
import { isAppError } from '../shared/errors.ts';
import { apiKeysRepository } from '../store/api-keys-repository.ts';
import type { CliIo } from './io.ts';
import { openConfiguredStore } from './open-configured-store.ts';

export const apiKeyUsage = [
  'usage: npm run waypoint -- api-key create --portal N --name NAME   mint a key (printed once, never again)',
  '       npm run waypoint -- api-key list --portal N                 keys by prefix, with last use',
  '       npm run waypoint -- api-key revoke --portal N PREFIX        revoke the key starting with PREFIX, at once',
].join('\n');

const portalOf = (raw: string | undefined): number | null => (raw !== undefined && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null);

/** `api-key create|list|revoke` against the configured store (DATABASE_URL, or the embedded store in DATA_DIR). */
export const runApiKeyCommand = async (args: string[], io: CliIo): Promise<number> => {
  let parsed: { values: { portal?: string; name?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { portal: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n${apiKeyUsage}`);
    return 2;
  }
  const [action, ...rest] = parsed.positionals;
  const portalId = portalOf(parsed.values.portal);
  if (portalId === null) {
    io.err(`--portal must be the HubSpot portal id, a positive whole number\n${apiKeyUsage}`);
    return 2;
  }
  if (!['create', 'list', 'revoke'].includes(action ?? '') || (action === 'revoke' && rest.length !== 1) || (action !== 'revoke' && rest.length > 0)) {
    io.err(apiKeyUsage);
    return 2;
  }
  const db = await openConfiguredStore(io);
  if (db === null) return 1;
  const deps = { apiKeys: apiKeysRepository(db), clock: { now: io.now } };
  try {
    if (action === 'create') {
      const { key, record } = await createApiKey(deps, portalId, parsed.values.name);
      io.out(key);
      io.err(`API key "${record.name}" (${record.keyPrefix}) for portal ${portalId}: copy it now, it is not shown again.`);
      io.err('Send it as "Authorization: Bearer <key>" to /api/v1/usage and /api/v1/portals/<portal>/... (docs/admin-auth.md).');
    } else if (action === 'list') {
      const keys = (await deps.apiKeys.listForPortal(portalId)).map(describeApiKey);
      if (keys.length === 0) io.err(`portal ${portalId} has no API keys`);
      for (const key of keys) {
        io.out([key.prefix, key.revokedAt ? `revoked ${key.revokedAt}` : 'active', `last used ${key.lastUsedAt ?? 'never'}`, `created ${key.createdAt}`, key.name].join('\t'));
      }
    } else {
      const revoked = await revokeApiKeyByPrefix(deps, portalId, rest[0]);
      io.out(`revoked ${revoked.keyPrefix} (${revoked.name}); it gets 401 from now on`);
    }
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    await db.close();
  }
};
