import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { encryptionKeyProblem, verifyEncryptionKey } from '../../src/install/key-check.ts';
import { createTokenCipher } from '../../src/install/token-crypto.ts';
import { createApp, createHealthApp } from '../../src/server/create-app.ts';
import { listen } from '../../src/server/listen.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { AppError } from '../../src/shared/errors.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';

const logger = createLogger({ level: 'silent' });

describe('HTTP server', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
  });
  afterAll(async () => db.close());

  it('when the store is migrated, then /healthz and /readyz both answer ok', async () => {
    const app = createApp({ logger, db });
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/readyz')).body).toEqual({ status: 'ready', store: 'pglite' });
  });

  it('when the store is unreachable, then /readyz answers 503 while /healthz stays ok', async () => {
    const broken = { kind: 'pglite', query: () => Promise.reject(new Error('down')) } as unknown as Db;
    const app = createApp({ logger, db: broken });
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'not_ready', reason: 'store unreachable' });
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('when the store\'s tokens were encrypted under another key, then /readyz on the web and worker apps answers 503 naming the key id, and ready once the key is right', async () => {
    const store = await openStore({ kind: 'pglite', dataDir: undefined });
    try {
      const keyId = 'rotated-7';
      const right = createTokenCipher({ keyId, encryptionKey: randomBytes(32).toString('base64') });
      const wrong = createTokenCipher({ keyId, encryptionKey: randomBytes(32).toString('base64') });
      await verifyEncryptionKey(store, right);
      for (const app of [createApp({ logger, db: store, keyProblem: () => encryptionKeyProblem(store, wrong) }),
        createHealthApp({ logger, db: store, keyProblem: () => encryptionKeyProblem(store, wrong) })]) {
        const response = await request(app).get('/readyz');
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({ status: 'not_ready', reason: 'encryption key' });
        expect(response.body.detail).toContain(`"${keyId}"`);
      }
      const healthy = await request(createApp({ logger, db: store, keyProblem: () => encryptionKeyProblem(store, right) })).get('/readyz');
      expect(healthy.body).toEqual({ status: 'ready', store: 'pglite' });
    } finally {
      await store.close();
    }
  });

  it.each([
    ['an unknown route', '/nope', 404, 'ROUTE_NOT_FOUND'],
    ['a coded failure', '/fails/coded', 404, 'NOT_FOUND'],
    ['an unexpected exception', '/fails/unexpected', 500, 'INTERNAL'],
  ])('when a client hits %s, then it gets status %i with code %s in the standard error body', async (_label, path, status, code) => {
    const router = express.Router()
      .get('/fails/coded', () => { throw new AppError('NOT_FOUND', 'Company 9 not found'); })
      .get('/fails/unexpected', () => { throw new Error('secret internals'); });
    const response = await request(createApp({ logger, db, routers: [router] })).get(path);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(JSON.stringify(response.body)).not.toContain('secret internals');
  });

  it('when a JSON body is malformed, then the client gets 400 BAD_REQUEST', async () => {
    const router = express.Router().post('/echo', (req, res) => { res.json(req.body); });
    const response = await request(createApp({ logger, db, routers: [router] }))
      .post('/echo').set('content-type', 'application/json').send('{"broken":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
  });

  it('when shutdown starts during a slow request, then that request completes and only then does the server close', async () => {
    let release: () => void = () => undefined;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => { markStarted = resolve; });
    const router = express.Router().get('/slow', async (_req, res) => {
      markStarted();
      await new Promise<void>((resolve) => { release = resolve; });
      res.json({ finished: true });
    });
    const running = await listen(createApp({ logger, db, routers: [router] }), 0, '127.0.0.1');
    const url = `http://127.0.0.1:${running.port}`;
    const inFlight = fetch(`${url}/slow`).then((r) => r.json());
    await started;
    let closed = false;
    const closing = running.close(5_000).then(() => { closed = true; });
    await expect(fetch(`${url}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    expect(await inFlight).toEqual({ finished: true });
    await closing;
    expect(closed).toBe(true);
  });
});
