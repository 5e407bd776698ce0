import { AppError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import type { TokenCipher } from './token-crypto.ts';

const CONTEXT = 'waypoint:encryption-key-check';
const PLAINTEXT = 'waypoint encryption key check v1';

/**
 * Start-up check: every key that has encrypted tokens in this store left a check value; each must still decrypt with
 * the configured keys (ENCRYPTION_KEY, ENCRYPTION_PREVIOUS_KEYS). The current key's check value is written the first
 * time it is used. Throws CONFIG_INVALID naming the key id when one does not decrypt.
 */
export const verifyEncryptionKey = async (db: Queryable, cipher: TokenCipher): Promise<void> => {
  const problem = await encryptionKeyProblem(db, cipher);
  if (problem !== null) throw new AppError('CONFIG_INVALID', `Waypoint cannot start: ${problem}`);
  await db.query('INSERT INTO encryption_key_checks (key_id, check_value) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING',
    [cipher.currentKeyId, cipher.encrypt(PLAINTEXT, CONTEXT)]);
};

/**
 * What is wrong with the configured keys for this store, or null: read-only, so /readyz can ask it of a running
 * process whose store another process has since re-encrypted under a key this one does not hold.
 */
export const encryptionKeyProblem = async (db: Queryable, cipher: TokenCipher): Promise<string | null> => {
  const rows = await db.query<{ key_id: string; check_value: string }>('SELECT key_id, check_value FROM encryption_key_checks ORDER BY key_id');
  for (const row of rows) {
    let plaintext: string | null = null;
    try {
      plaintext = cipher.decrypt(row.check_value, CONTEXT);
    } catch {
      plaintext = null;
    }
    if (plaintext !== PLAINTEXT) {
      const which = row.key_id === cipher.currentKeyId ? `ENCRYPTION_KEY is not the key with id "${row.key_id}" that encrypted this store's tokens`
        : `tokens in this store were encrypted with key id "${row.key_id}", which ENCRYPTION_PREVIOUS_KEYS does not hold (or holds a different key)`;
      return `${which}. Set the right key, or after a rotation keep the old one in ENCRYPTION_PREVIOUS_KEYS and run npm run waypoint -- reencrypt.`;
    }
  }
  return null;
};

/** After every token is under the current key, older keys' check values go, so those keys can be retired. */
export const retireOtherKeyChecks = async (db: Queryable, cipher: TokenCipher): Promise<void> => {
  await db.query('DELETE FROM encryption_key_checks WHERE key_id <> $1', [cipher.currentKeyId]);
};
