import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger, portalLogger } from '../../src/shared/logger.ts';
import { createApp } from '../../src/server/create-app.ts';
import type { Db } from '../../src/store/db.ts';

/** Collects every JSON line the logger writes, as pino's own tests do. */
const sink = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines, text: () => JSON.stringify(lines) };
};

const secrets = {
  accessToken: 'CJ-access-secret-1', refreshToken: 'refresh-secret-2', clientSecret: 'client-secret-3', encryptionKey: 'key-secret-4',
};

describe('logging', () => {
  it('when an object with tokens, the client secret and the encryption key is logged, then none of their values appear', () => {
    const out = sink();
    const logger = createLogger({ level: 'info' }, out.stream);
    logger.info({ installation: { ...secrets, portalId: 1 }, ...secrets, access_token: 'a-5', refresh_token: 'r-6' }, 'installed');
    expect(out.lines).toHaveLength(1);
    for (const value of [...Object.values(secrets), 'a-5', 'r-6']) expect(out.text()).not.toContain(value);
    expect(out.text()).toContain('[redacted]');
  });

  it('when a token sits several levels deep or inside an array, then its value never appears', () => {
    const out = sink();
    const logger = createLogger({ level: 'info' }, out.stream);
    const nested = { a: { b: { c: { d: { access_token: 'deep-secret-11' } } } } };
    logger.child({ job: 'sync-portal' }).info({ outer: { inner: { token: 'two-deep-secret-13' } }, batch: [{ headers: { Authorization: 'Bearer list-secret-14' } }], nested }, 'deep');
    expect(out.lines).toHaveLength(1);
    for (const value of ['deep-secret-11', 'two-deep-secret-13', 'list-secret-14']) expect(out.text()).not.toContain(value);
    expect(out.lines[0]).toMatchObject({ outer: { inner: { token: '[redacted]' } }, msg: 'deep' });
  });

  it('when a logged object refers to itself, then the line is still written with the secret redacted', () => {
    const out = sink();
    const looped: Record<string, unknown> = { apiKey: 'loop-secret-15' };
    looped.self = { back: looped };
    createLogger({ level: 'info' }, out.stream).info({ looped }, 'loop');
    expect(out.lines).toHaveLength(1);
    expect(out.text()).not.toContain('loop-secret-15');
  });

  it('when a request carries Authorization and HubSpot signature headers, then the request log has an id but no header values', async () => {
    const out = sink();
    const logger = createLogger({ level: 'info' }, out.stream);
    const router = express.Router().get('/echo', (req, res) => {
      req.log.info({ headers: req.headers }, 'handling');
      res.json({ ok: true });
    });
    const app = createApp({ logger, db: {} as Db, routers: [router] });
    const response = await request(app).get('/echo?code=oauth-code-7')
      .set('Authorization', 'Bearer bearer-secret-8')
      .set('X-HubSpot-Signature-v3', 'sig-secret-9')
      .set('X-HubSpot-Signature', 'sig-secret-10');
    expect(response.headers['x-request-id']).toMatch(/.+/);
    const text = out.text();
    for (const value of ['bearer-secret-8', 'sig-secret-9', 'sig-secret-10', 'oauth-code-7']) expect(text).not.toContain(value);
    const completed = out.lines.find((line) => line.msg === 'request completed') as { req: { id: string } } | undefined;
    expect(completed?.req.id).toBe(response.headers['x-request-id']);
  });

  it('when portal work logs through its child logger, then every line carries the portal id', () => {
    const out = sink();
    portalLogger(createLogger({}, out.stream), '123').info('page synced');
    expect(out.lines[0]).toMatchObject({ portalId: 123, msg: 'page synced' });
  });
});
