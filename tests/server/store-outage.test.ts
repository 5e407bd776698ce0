import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openPglite } from '../../src/store/pglite.ts';
import { openPostgres } from '../../src/store/postgres.ts';

const appOver = (db: Db, sql = 'SELECT 1') => createApp({
  logger: createLogger({ level: 'silent' }), db,
  routers: [Router().get('/probe', async (_req, res) => { res.json(await db.query(sql)); })],
});

describe('a store outage', () => {
  it('when the embedded store is closed under a request, then the caller gets 503 STORE_UNAVAILABLE with Retry-After', async () => {
    const db = await openPglite(undefined);
    await db.close();
    const response = await request(appOver(db)).get('/probe');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when PostgreSQL cannot be reached, then the caller gets 503 STORE_UNAVAILABLE with Retry-After', async () => {
    // Port 9 on loopback: nothing listens there, so the driver's connect is refused at once.
    const db = await openPostgres('postgres://waypoint@127.0.0.1:9/waypoint');
    try {
      const response = await request(appOver(db)).get('/probe');
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
      expect(response.headers['retry-after']).toBeDefined();
    } finally {
      await db.close();
    }
  });

  it('when a query itself is wrong, then it is still a 500, not an outage', async () => {
    const db = await openPglite(undefined);
    try {
      const response = await request(appOver(db, 'SELECT * FROM no_such_table')).get('/probe');
      expect(response.status).toBe(500);
      expect(response.headers['retry-after']).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
