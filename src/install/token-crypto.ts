import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TokenGrant } from '../hubspot/oauth.ts';
import { AppError } from '../shared/errors.ts';
import type { EncryptedTokens } from '../store/installations-repository.ts';

// AES-256-GCM with the writing key's id stored in the ciphertext itself (wp1:<keyId>:<iv>:<tag>:<data>), so
// ENCRYPTION_KEY can rotate: the old key moves to ENCRYPTION_PREVIOUS_KEYS as keyId:key and keeps decrypting, new
// writes use the new key, and reencrypt() migrates stored rows.
// Each ciphertext is bound to a context (portal and field) so a token cannot be replayed into another row.
const formatVersion = 'wp1';

const keySchema = (field: string) =>
  z.string().trim().transform((value, ctx) => {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `${field} must be 32 bytes, base64-encoded (got ${bytes.length} bytes)` });
      return z.NEVER;
    }
    return bytes;
  });
const keyIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'key ids are 1-32 letters, digits, _ or -');

const keysSchema = z.object({
  keyId: keyIdSchema,
  encryptionKey: keySchema('ENCRYPTION_KEY'),
  previousKeys: z.string().optional()
    .transform((value) => (value ?? '').split(',').map((pair) => pair.trim()).filter((pair) => pair.length > 0))
    .pipe(z.array(z.string().transform((pair) => {
      const at = pair.indexOf(':');
      return { keyId: pair.slice(0, at), key: pair.slice(at + 1) };
    }).pipe(z.object({ keyId: keyIdSchema, key: keySchema('ENCRYPTION_PREVIOUS_KEYS') })))),
});

export interface TokenCipherOptions {
  /** ENCRYPTION_KEY_ID: the id written beside every new ciphertext. */
  keyId: string;
  /** ENCRYPTION_KEY: base64 of 32 random bytes. */
  encryptionKey: string;
  /** ENCRYPTION_PREVIOUS_KEYS: comma-separated keyId:base64key pairs that still decrypt. */
  previousKeys?: string;
}

export interface TokenCipher {
  readonly currentKeyId: string;
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  keyIdOf(ciphertext: string): string;
  /** Returns the ciphertext under the current key (unchanged when it already is). */
  reencrypt(ciphertext: string, context: string): string;
}

const parts = (ciphertext: string) => {
  const [version, keyId, iv, tag, data, ...rest] = ciphertext.split(':');
  if (version !== formatVersion || !keyId || !iv || !tag || data === undefined || rest.length > 0) {
    throw new AppError('INTERNAL', 'Stored token is not in the expected encrypted format');
  }
  return { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), data: Buffer.from(data, 'base64url') };
};

export const createTokenCipher = (options: TokenCipherOptions): TokenCipher => {
  const parsed = keysSchema.safeParse(options);
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', parsed.error.issues.map((i) => i.message).join('; '));
  }
  const current = parsed.data.encryptionKey;
  const currentKeyId = parsed.data.keyId;
  const keys = new Map<string, Buffer>([...parsed.data.previousKeys.map((k) => [k.keyId, k.key] as const), [currentKeyId, current]]);

  const encrypt = (plaintext: string, context: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [formatVersion, currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  };

  const decrypt = (ciphertext: string, context: string): string => {
    const { keyId, iv, tag, data } = parts(ciphertext);
    const key = keys.get(keyId);
    if (!key) {
      throw new AppError('CONFIG_INVALID', `Token was encrypted with key ${keyId}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_PREVIOUS_KEYS`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new AppError('INTERNAL', `Stored token failed authentication under key ${keyId}`, { cause });
    }
  };

  return {
    currentKeyId,
    encrypt,
    decrypt,
    keyIdOf: (ciphertext) => parts(ciphertext).keyId,
    reencrypt: (ciphertext, context) => (parts(ciphertext).keyId === currentKeyId ? ciphertext : encrypt(decrypt(ciphertext, context), context)),
  };
};

/** The AAD binding a token ciphertext to its portal and column. */
export const tokenContext = (portalId: number, field: 'access' | 'refresh'): string => `installation:${portalId}:${field}`;

/** Encrypts a fresh grant for storage; the access token's expiry is kept in clear so refresh timing needs no decrypt. */
export const sealGrant = (cipher: TokenCipher, portalId: number, grant: TokenGrant, now: Date): EncryptedTokens => ({
  accessTokenEnc: cipher.encrypt(grant.accessToken, tokenContext(portalId, 'access')),
  refreshTokenEnc: cipher.encrypt(grant.refreshToken, tokenContext(portalId, 'refresh')),
  accessExpiresAt: new Date(now.getTime() + grant.expiresInSeconds * 1000),
});
