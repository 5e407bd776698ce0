import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnNode, waitFor } from '../helpers/processes.ts';

const mainScript = new URL('../../src/main.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const status = async (url: string) => (await fetch(url, { headers: { connection: 'close' } })).status;

describe('a worker-only process started from a .env file', () => {
  it('when it is up, then it serves /healthz, /readyz and /metrics on its own port and nothing else; after SIGTERM /readyz answers 503 while it drains, and a second SIGTERM ends the drain and it exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waypoint-worker-'));
    dirs.push(dir);
    const port = await freePort();
    // Everything comes from the file: the child's real environment holds only PATH.
    await writeFile(join(dir, '.env'), [
      'PROCESS_ROLE=worker', `PORT=${port}`, 'HOST=127.0.0.1', `DATA_DIR=${join(dir, 'data')}`, 'LOG_LEVEL=info',
      'HUBSPOT_CLIENT_ID=test-client', 'HUBSPOT_CLIENT_SECRET=test-secret', 'HUBSPOT_API_BASE_URL=http://127.0.0.1:9',
      `ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`, 'PUBLIC_BASE_URL=https://waypoint.example.com', 'SHUTDOWN_DRAIN_MS=600000',
    ].join('\n'));
    const child = spawnNode(mainScript, [], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => (await status(`${base}/readyz`)) === 200, child, 'worker ready');
      expect(await status(`${base}/healthz`)).toBe(200);
      expect(await status(`${base}/metrics`)).toBe(200);
      expect(await status(`${base}/oauth/install`)).toBe(404);
      expect(child.output()).toContain('environment file read');

      child.process.kill('SIGTERM');
      await waitFor(async () => (await status(`${base}/readyz`)) === 503, child, '/readyz 503 while draining');
      expect(await status(`${base}/healthz`)).toBe(200);
      // The drain outlasts the test, so the 503 is seen however slowly this machine answers; the second signal ends it.
      child.process.kill('SIGTERM');
      expect(await child.exited).toBe(0);
    } finally {
      child.process.kill('SIGKILL');
    }
  });
});
