import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReencryptCommand } from '../../src/cli/reencrypt-command.ts';
import { verifyEncryptionKey } from '../../src/install/key-check.ts';
import { createTokenCipher, tokenContext } from '../../src/install/token-crypto.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeInstallation } from './helpers.ts';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const NOW = new Date('2026-11-01T00:00:00.000Z');

describe('the encryption key is checked at start-up and tokens re-encrypt after a rotation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-keys-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when the process starts with a different ENCRYPTION_KEY than the one that encrypted the tokens, then it refuses naming the key id', async () => {
    const db = await openStore({ kind: 'pglite', dataDir: undefined });
    try {
      const right = createTokenCipher({ keyId: 'k1', encryptionKey: keyA });
      await verifyEncryptionKey(db, right);
      await verifyEncryptionKey(db, right);
      const wrong = createTokenCipher({ keyId: 'k1', encryptionKey: keyB });
      await expect(verifyEncryptionKey(db, wrong)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('"k1"') });
      const rotatedWithoutOldKey = createTokenCipher({ keyId: 'k2', encryptionKey: keyB });
      await expect(verifyEncryptionKey(db, rotatedWithoutOldKey)).rejects.toMatchObject({ message: expect.stringContaining('ENCRYPTION_PREVIOUS_KEYS') });
    } finally {
      await db.close();
    }
  });

  it('when the key is rotated and npm run waypoint -- reencrypt runs, then every token is under the new key and the old one can go', async () => {
    const db = await openStore({ kind: 'pglite', dataDir });
    const old = createTokenCipher({ keyId: 'k1', encryptionKey: keyA });
    await verifyEncryptionKey(db, old);
    await storeInstallation(db, old, { portalId: 11, accessToken: 'access-11', refreshToken: 'refresh-11', expiresAt: new Date(NOW.getTime() + 3_600_000), now: NOW });
    await db.close();

    const out: string[] = [];
    const err: string[] = [];
    const io = {
      readFile: () => '', out: (line: string) => out.push(line), err: (line: string) => err.push(line), now: () => NOW,
      env: { DATA_DIR: dataDir, ENCRYPTION_KEY: keyB, ENCRYPTION_KEY_ID: 'k2', ENCRYPTION_PREVIOUS_KEYS: `k1:${keyA}` },
    };
    expect(await runReencryptCommand([], io), err.join('\n')).toBe(0);
    expect(out.join('\n')).toContain('re-encrypted 1 installation(s) under key "k2"');

    const reopened = await openStore({ kind: 'pglite', dataDir });
    try {
      const onlyNew = createTokenCipher({ keyId: 'k2', encryptionKey: keyB });
      await verifyEncryptionKey(reopened, onlyNew);
      const stored = await installationsRepository(reopened).find(11);
      expect(onlyNew.keyIdOf(stored!.accessTokenEnc!)).toBe('k2');
      expect(onlyNew.decrypt(stored!.accessTokenEnc!, tokenContext(11, 'access'))).toBe('access-11');
    } finally {
      await reopened.close();
    }
  });
});
