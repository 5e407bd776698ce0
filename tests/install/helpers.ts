import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { createTokenCipher, sealGrant, type TokenCipher } from '../../src/install/token-crypto.ts';

export const hubspotApi = 'https://api.hubapi.test';
export const newKey = (): string => randomBytes(32).toString('base64');

export const openTestStore = (): Promise<Db> => openStore({ kind: 'pglite', dataDir: undefined });

export const testCipher = (keyId = 'k1', key = newKey(), previousKeys?: string): TokenCipher & { key: string } =>
  Object.assign(createTokenCipher({ keyId, encryptionKey: key, previousKeys }), { key });

/** A logger whose every line lands in `lines`, to assert what would reach the log sink. */
export const capturingLogger = (): { logger: Logger; lines: string[] } => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace' }, sink), lines };
};

export const storeInstallation = async (db: Db, cipher: TokenCipher, input: {
  portalId: number; accessToken: string; refreshToken: string; expiresAt: Date; now?: Date;
}): Promise<void> => {
  const now = input.now ?? new Date(input.expiresAt.getTime() - 30 * 60 * 1000);
  const sealed = sealGrant(cipher, input.portalId, {
    accessToken: input.accessToken, refreshToken: input.refreshToken, expiresInSeconds: (input.expiresAt.getTime() - now.getTime()) / 1000,
  }, now);
  await installationsRepository(db).upsertActive({ portalId: input.portalId, scopes: ['oauth'], hubDomain: `portal-${input.portalId}.hubspot.test`, ...sealed, now });
};

/** Every text value in every table, to prove a secret appears nowhere in the store. */
export const dumpStore = async (db: Db): Promise<string> => {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  const parts: string[] = [];
  for (const { table_name } of tables) parts.push(JSON.stringify(await db.query(`SELECT * FROM "${table_name}"`)));
  return parts.join('\n');
};
