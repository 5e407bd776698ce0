import type { Queryable } from '../store/db.ts';
import { installationsRepository } from '../store/installations-repository.ts';
import { tokenContext, type TokenCipher } from './token-crypto.ts';

/**
 * After rotating ENCRYPTION_KEY: rewrites every stored token under the current key, so the previous key can be
 * retired from ENCRYPTION_PREVIOUS_KEYS once this reports nothing left. Safe to run while the app is serving.
 */
export const reencryptInstallationTokens = async (deps: { db: Queryable; cipher: TokenCipher }): Promise<{ rewritten: number; current: number }> => {
  const installations = installationsRepository(deps.db);
  let rewritten = 0;
  let current = 0;
  for (const row of await installations.listWithTokens()) {
    if (!row.accessTokenEnc || !row.refreshTokenEnc) continue;
    const from = { access: row.accessTokenEnc, refresh: row.refreshTokenEnc };
    const to = {
      access: deps.cipher.reencrypt(from.access, tokenContext(row.portalId, 'access')),
      refresh: deps.cipher.reencrypt(from.refresh, tokenContext(row.portalId, 'refresh')),
    };
    if (to.access === from.access && to.refresh === from.refresh) current += 1;
    else if (await installations.replaceCiphertexts(row.portalId, from, to)) rewritten += 1;
  }
  return { rewritten, current };
};
