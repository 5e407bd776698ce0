import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';

const run = promisify(execFile);
const mainScript = new URL('../../src/main.ts', import.meta.url).pathname;

describe('environment configuration', () => {
  it('when Waypoint starts with DATABASE_URL=nonsense and PORT=abc, then it exits non-zero naming both variables', async () => {
    const failure = await run(process.execPath, [mainScript], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'nonsense', PORT: 'abc' },
    }).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('DATABASE_URL');
    expect(failure?.stderr).toContain('PORT');
  });

  it('when a secret variable is malformed, then the error names it without echoing its value', () => {
    const result = loadConfig({ ENCRYPTION_KEY: 'hunter2-not-base64-32', HUBSPOT_CLIENT_SECRET: 'x', DATABASE_URL: 'mysql://root:pw@db/x' });
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result.ok ? {} : result.error);
    expect(text).toContain('ENCRYPTION_KEY');
    expect(text).toContain('DATABASE_URL');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('root:pw');
  });

  it.each([
    [{}, { sandbox: true, store: { kind: 'pglite', dataDir: './data' }, PORT: 3000, PROCESS_ROLE: 'all' }],
    [{ DATABASE_URL: 'postgres://u:p@localhost/w', PROCESS_ROLE: 'worker' }, { store: { kind: 'postgres', databaseUrl: 'postgres://u:p@localhost/w' }, PROCESS_ROLE: 'worker' }],
    [{ PORT: '', DATA_DIR: '/var/lib/waypoint' }, { PORT: 3000, store: { kind: 'pglite', dataDir: '/var/lib/waypoint' } }],
  ])('when the environment is %j, then the configuration has %j', (env, expected) => {
    const result = loadConfig(env);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it('when HubSpot credentials are given without an encryption key or public URL, then both are required by name', () => {
    const result = loadConfig({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' });
    expect(result.ok ? [] : result.error.map((p) => p.variable)).toEqual(['ENCRYPTION_KEY', 'PUBLIC_BASE_URL']);
  });

  it.each([['PROCESS_ROLE', 'cook'], ['SYNC_INCREMENTAL_CRON', 'often'], ['HUBSPOT_API_BASE_URL', 'ftp://x'], ['PORT', '70000']])(
    'when %s is %s, then loading fails naming that variable', (variable, value) => {
      const result = loadConfig({ [variable]: value });
      expect(result.ok ? [] : result.error.map((p) => p.variable)).toEqual([variable]);
    });
});
