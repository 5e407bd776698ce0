import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.ts';
import { portalOfApiKey, postUsageRouter } from '../../src/server/routes/post-usage.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';

// The operator's way to a first key: the real CLI process against the embedded store the server then opens.
const repoRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-cli-keys-'));
const cli = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'src', 'cli.ts'), 'api-key', ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const usageWith = async (key: string) => {
  const db = await openStore({ kind: 'pglite', dataDir });
  try {
    await crmRepository(db).upsertObjects(101, 'companies', [{ id: '9001', properties: { name: 'Acme', domain: 'acme.com', lifecyclestage: 'customer' } }]);
    const app = createApp({
      logger: createLogger({ level: 'silent' }), db,
      routers: [postUsageRouter({ db, verifyApiKey: portalOfApiKey(apiKeysRepository(db)), requestScoring: async () => {} })],
    });
    return await request(app).post('/api/v1/usage').set('Authorization', `Bearer ${key}`)
      .send([{ companyId: '9001', date: '2026-11-20', metric: 'active_users', value: 12 }]);
  } finally {
    await db.close();
  }
};

describe('npm run waypoint -- api-key', () => {
  let key = '';
  beforeAll(async () => {
    const created = await cli('create', '--portal', '101', '--name', 'usage feed');
    expect(created.code, created.stderr).toBe(0);
    key = created.stdout.trim();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when an operator creates a key, then it is printed once on stdout and the usage API accepts it', async () => {
    expect(key).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);

    const response = await usageWith(key);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 1, errors: [] });
  });

  it('when the keys are listed, then the list names the key by prefix with its last use, never the key itself', async () => {
    const listed = await cli('list', '--portal', '101');

    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(key.slice(0, 11));
    expect(listed.stdout).toContain('usage feed');
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain('last used never');
  });

  it('when the key is revoked by its prefix, then the usage API answers 401 at once', async () => {
    const revoked = await cli('revoke', '--portal', '101', key.slice(0, 11));
    expect(revoked.code, revoked.stderr).toBe(0);

    const response = await usageWith(key);

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('when --portal is missing or a prefix matches nothing, then it exits non-zero and says why', async () => {
    const noPortal = await cli('create', '--name', 'x');
    expect([noPortal.code, noPortal.stderr]).toEqual([2, expect.stringContaining('--portal must be the HubSpot portal id')]);

    const unknown = await cli('revoke', '--portal', '101', 'wp_zzzzzzzz');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No active API key of portal 101 starts with wp_zzzzzzzz')]);
  });
});
