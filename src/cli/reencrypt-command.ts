import { formatConfigProblems, loadConfig } from '../config/env.ts';
import { retireOtherKeyChecks, verifyEncryptionKey } from '../install/key-check.ts';
import { reencryptInstallationTokens } from '../install/reencrypt-tokens.ts';
import { createTokenCipher } from '../install/token-crypto.ts';
import { isAppError } from '../shared/errors.ts';
import { openStore } from '../store/open-store.ts';
import type { CliIo } from './io.ts';

export const reencryptUsage = 'usage: npm run waypoint -- reencrypt   rewrite every stored token under ENCRYPTION_KEY (after a rotation; old keys in ENCRYPTION_PREVIOUS_KEYS)';

/** `reencrypt`: every installation's tokens under the current key, then the old keys' check values are retired. */
export const runReencryptCommand = async (args: string[], io: CliIo): Promise<number> => {
  if (args.length > 0) {
    io.err(reencryptUsage);
    return 2;
  }
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return 1;
  }
  if (!config.value.ENCRYPTION_KEY) {
    io.err('ENCRYPTION_KEY is not set: there is no key to re-encrypt under');
    return 1;
  }
  const cipher = createTokenCipher({ keyId: config.value.ENCRYPTION_KEY_ID, encryptionKey: config.value.ENCRYPTION_KEY, previousKeys: config.value.ENCRYPTION_PREVIOUS_KEYS });
  const db = await openStore(config.value.store);
  try {
    await verifyEncryptionKey(db, cipher);
    const { rewritten, current } = await reencryptInstallationTokens({ db, cipher });
    await retireOtherKeyChecks(db, cipher);
    io.out(`re-encrypted ${rewritten} installation(s) under key "${cipher.currentKeyId}"; ${current} already were`);
    return 0;
  } catch (error) {
    io.err(isAppError(error) ? error.message : `reencrypt failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
};
