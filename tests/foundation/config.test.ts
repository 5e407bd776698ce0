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

  const production = { HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret', ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), PUBLIC_BASE_URL: 'https://w.example' };
  it.each([
    ['sandbox mode without HOST', {}, '127.0.0.1'],
    ['sandbox mode with HOST=0.0.0.0', { HOST: '0.0.0.0' }, '0.0.0.0'],
    ['production without HOST', production, '0.0.0.0'],
    ['production with HOST=10.0.0.5', { ...production, HOST: '10.0.0.5' }, '10.0.0.5'],
  ])('when %s, then the server listens on %j', (_case, env, host) => {
    const result = loadConfig(env);
    expect(result.ok && result.value.host).toBe(host);
  });

  it('when SANDBOX_EMULATOR_PORT is set, then the sandbox emulator gets that port, and a free one by default', () => {
    expect(loadConfig({ SANDBOX_EMULATOR_PORT: '4010' })).toMatchObject({ ok: true, value: { SANDBOX_EMULATOR_PORT: 4010 } });
    expect(loadConfig({})).toMatchObject({ ok: true, value: { SANDBOX_EMULATOR_PORT: 0 } });
    expect(loadConfig({ SANDBOX_EMULATOR_PORT: '70000' }).ok).toBe(false);
  });

  it('when score history retention is set below what the card trend and scoring read, then start-up refuses it by name', () => {
    expect(loadConfig({})).toMatchObject({ ok: true, value: { RETENTION_SCORE_HISTORY_DAYS: 365, RETENTION_WEBHOOK_EVENTS_DAYS: 30 } });
    expect(loadConfig({ RETENTION_SCORE_HISTORY_DAYS: '120' })).toMatchObject({ ok: true, value: { RETENTION_SCORE_HISTORY_DAYS: 120 } });
    expect(loadConfig({ RETENTION_SCORE_HISTORY_DAYS: '60' })).toMatchObject({ ok: false, error: [{ variable: 'RETENTION_SCORE_HISTORY_DAYS', reason: 'must be between 120 and 3650' }] });
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
