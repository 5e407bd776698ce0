import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { installThroughOAuth } from '../../src/sandbox/oauth-install.ts';
import { freshPostgresDatabase } from '../helpers/stores.ts';
import { freePort } from '../helpers/processes.ts';

const script = new URL('../../scripts/topology/run.sh', import.meta.url).pathname;
const roles = [['web', 3000], ['worker-1', 3001], ['worker-2', 3002]] as const;
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** Three consecutive ports nobody holds, as the script's offset from 3000. */
const freeOffset = async (): Promise<number> => {
  for (;;) {
    const port = await freePort();
    if (port < 3000 || port > 60_000) continue;
    const next = await Promise.all([port + 1, port + 2].map((p) => new Promise<boolean>((resolve) => {
      fetch(`http://127.0.0.1:${p}/`).then(() => resolve(false), () => resolve(true));
    })));
    if (next.every(Boolean)) return port - 3000;
  }
};

/** Bounded by attempts, not by a clock; a topology that ended fails at once. */
const until = async <T>(what: string, probe: () => Promise<T | undefined>, logs: () => Promise<string>, ended: () => boolean, attempts = 900): Promise<T> => {
  for (let i = 0; i < attempts; i += 1) {
    if (ended()) throw new Error(`the topology ended before ${what}\n${await logs()}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} not seen\n${await logs()}`);
};

describe('the sandbox story on the compose topology, run by scripts/topology/run.sh', () => {
  it('when an admin installs through OAuth, then with one web and two workers on PostgreSQL the portal is synced, scored and written back to HubSpot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waypoint-topology-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => rm(`${dir}-pg`, { recursive: true, force: true }));
    const offset = await freeOffset();
    const web = `http://127.0.0.1:${3000 + offset}`;
    const clientSecret = randomBytes(16).toString('hex');
    const emulator: Emulator = await startEmulator({
      size: 'S', seed: 23, host: '127.0.0.1', clientId: 'topology-client', clientSecret, appId: 4343,
      redirectUris: [`${web}/oauth/callback`], webhookTarget: `${web}/webhooks/hubspot`, tokenTtlSeconds: 24 * 3600,
    });
    cleanups.push(() => emulator.stop());
    const fresh = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : undefined;
    if (fresh) cleanups.push(() => fresh.drop());

    const child = spawn('bash', [script], {
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, TOPOLOGY_DIR: dir, TOPOLOGY_PORT_OFFSET: String(offset),
        TOPOLOGY_PG_PORT: String(await freePort()), TOPOLOGY_PG_DIR: `${dir}-pg`, ...(fresh ? { DATABASE_URL: fresh.url } : {}),
        HUBSPOT_CLIENT_ID: emulator.clientId, HUBSPOT_CLIENT_SECRET: clientSecret, HUBSPOT_APP_ID: String(emulator.appId),
        HUBSPOT_API_BASE_URL: emulator.baseUrl, HUBSPOT_AUTH_BASE_URL: emulator.baseUrl, PUBLIC_BASE_URL: web,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'), HOST: '127.0.0.1', LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    let ended = false;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { ended = true; resolve(code); }));
    cleanups.push(async () => { child.kill('SIGTERM'); await exited; });
    const logs = async () => [output, ...await Promise.all(roles.map(async ([name]) => `--- ${name}\n${(await readFile(join(dir, `${name}.log`), 'utf8').catch(() => '')).slice(-3000)}`))].join('\n');

    for (const [, port] of roles) {
      await until(`process on ${port + offset} ready`, async () => ((await fetch(`http://127.0.0.1:${port + offset}/readyz`)).ok ? true : undefined), logs, () => ended);
    }
    const databaseUrl = fresh?.url ?? /topology up on (\S+)/.exec(output)?.[1];
    expect(databaseUrl).toBeDefined();
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // Without DATABASE_URL the script stops its own PostgreSQL on SIGTERM, which ends this pool's idle clients.
    db.on('error', () => undefined);
    cleanups.push(() => db.end());
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);

    await installThroughOAuth(web);
    const portalId = emulator.portals[0]?.portalId;
    await until('a finished full sync', async () => ((await count(`SELECT count(*) AS n FROM sync_runs WHERE kind = 'full' AND status = 'succeeded'`)) > 0 ? true : undefined), logs, () => ended);
    const written = await until('companies written back', async () => {
      const n = await count(`SELECT count(*) AS n FROM written_properties WHERE portal_id = ${Number(portalId)}`);
      return n > 0 ? n : undefined;
    }, logs, () => ended);
    expect(await count(`SELECT count(DISTINCT company_id) AS n FROM score_snapshots WHERE portal_id = ${Number(portalId)}`)).toBeGreaterThanOrEqual(written);

    // What HubSpot holds now: the emulator's companies carry the values Waypoint wrote.
    const token = emulator.issueToken(portalId).access_token;
    const page = await (await fetch(`${emulator.baseUrl}/crm/objects/2026-03/companies?limit=100&properties=waypoint_health_score,waypoint_cohort`, {
      headers: { authorization: `Bearer ${token}` },
    })).json() as { results: Array<{ properties: Record<string, string | null> }> };
    expect(page.results.filter((c) => c.properties.waypoint_cohort).length).toBeGreaterThan(0);

    // The web process serves the product, the workers ran the jobs: only workers log job work.
    const [webLog, ...workerLogs] = await Promise.all(roles.map(([name]) => readFile(join(dir, `${name}.log`), 'utf8')));
    expect(webLog).not.toMatch(/"job":"sync-portal"/);
    expect(workerLogs.join('\n')).toMatch(/sync-portal|full sync/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
