import { describe, expect, it } from 'vitest';
import { createTokenCipher, tokenContext } from '../../src/install/token-crypto.ts';
import { newKey } from './helpers.ts';

describe('token cipher', () => {
  const keyA = newKey();
  const keyB = newKey();

  it('when a token is encrypted, then the ciphertext names its key, hides the token and decrypts back', () => {
    const cipher = createTokenCipher({ keyId: 'k1', encryptionKey: keyA });
    const sealed = cipher.encrypt('pat-na1-secret', tokenContext(1, 'access'));

    expect(sealed).toMatch(/^wp1:k1:/);
    expect(sealed).not.toContain('pat-na1-secret');
    expect(cipher.encrypt('pat-na1-secret', tokenContext(1, 'access'))).not.toBe(sealed);
    expect(cipher.decrypt(sealed, tokenContext(1, 'access'))).toBe('pat-na1-secret');
  });

  it("when a ciphertext is moved to another portal's row or column, then it fails to decrypt", () => {
    const cipher = createTokenCipher({ keyId: 'k1', encryptionKey: keyA });
    const sealed = cipher.encrypt('token', tokenContext(1, 'access'));

    expect(() => cipher.decrypt(sealed, tokenContext(2, 'access'))).toThrow(/failed authentication/);
    expect(() => cipher.decrypt(sealed, tokenContext(1, 'refresh'))).toThrow(/failed authentication/);
  });

  it('when the key rotates, then old ciphertexts still decrypt, new ones use the new key, and reencrypt migrates them', () => {
    const before = createTokenCipher({ keyId: 'k1', encryptionKey: keyA });
    const old = before.encrypt('token', 'ctx');
    const after = createTokenCipher({ keyId: 'k2', encryptionKey: keyB, previousKeys: `k1:${keyA}` });

    expect(after.decrypt(old, 'ctx')).toBe('token');
    expect(after.keyIdOf(after.encrypt('token', 'ctx'))).toBe('k2');
    const migrated = after.reencrypt(old, 'ctx');
    expect(after.keyIdOf(migrated)).toBe('k2');
    expect(createTokenCipher({ keyId: 'k2', encryptionKey: keyB }).decrypt(migrated, 'ctx')).toBe('token');
    expect(after.reencrypt(migrated, 'ctx')).toBe(migrated);
  });

  it('when the old key was dropped too early, then decrypting says which key is missing', () => {
    const old = createTokenCipher({ keyId: 'k1', encryptionKey: keyA }).encrypt('token', 'ctx');
    const after = createTokenCipher({ keyId: 'k2', encryptionKey: keyB });

    expect(() => after.decrypt(old, 'ctx')).toThrow(/key k1, which is neither ENCRYPTION_KEY nor in ENCRYPTION_PREVIOUS_KEYS/);
  });

  it.each([
    { story: 'a short ENCRYPTION_KEY', options: { keyId: 'k1', encryptionKey: Buffer.alloc(16).toString('base64') }, message: /ENCRYPTION_KEY must be 32 bytes/ },
    { story: 'a bad key id', options: { keyId: 'k:1', encryptionKey: keyA }, message: /key ids are/ },
    { story: 'a previous key without id', options: { keyId: 'k2', encryptionKey: keyA, previousKeys: keyB }, message: /key ids are|ENCRYPTION_PREVIOUS_KEYS/ },
  ])('when configured with $story, then it refuses to start and names the variable', ({ options, message }) => {
    expect(() => createTokenCipher(options)).toThrow(message);
  });
});
