import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiJson, operations } from '../../src/server/openapi/document.ts';
import { errorBodySchema, okSchema, readySchema } from '../../src/server/openapi/schemas.ts';
import { createApp } from '../../src/server/create-app.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';

const root = new URL('../../', import.meta.url).pathname;
const sourceFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
});

/** "get /api/v1/portals/{portalId}/sync-status" for every route a router or the app registers in src/. */
const routesInSource = (): string[] => sourceFiles(join(root, 'src')).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const base = /const base = '([^']+)'/.exec(text)?.[1];
  return [...text.matchAll(/\b(?:router|app)\.(get|post|put|patch|delete)\(\s*(base|'[^']+'|`[^`]+`)/g)].map((m) => {
    const raw = (m[2] as string).replace(/^['`]|['`]$/g, '');
    const path = (raw === 'base' ? base ?? raw : raw.replace('${base}', base ?? '${base}')).replace(/:(\w+)/g, '{$1}');
    return `${m[1]} ${path}`;
  });
});

describe('the OpenAPI document of Waypoint\'s HTTP API', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
  });
  afterAll(async () => db.close());

  it('when compared with the committed docs/openapi.json, then they are the same (regenerate: npm run -s waypoint -- openapi > docs/openapi.json)', () => {
    expect(readFileSync(join(root, 'docs/openapi.json'), 'utf8'), 'docs/openapi.json is behind: npm run -s waypoint -- openapi > docs/openapi.json').toBe(openApiJson());
  });

  it('when a router in src/ serves a route, then the document lists it, and it lists nothing no router serves', () => {
    const served = new Set(routesInSource());
    const listed = operations.map((op) => `${op.method} ${op.path}`);
    expect(listed.filter((route, i) => listed.indexOf(route) !== i), 'an operation is listed twice in src/server/openapi/document.ts').toEqual([]);
    const documented = new Set(listed);
    const fix = 'list it in src/server/openapi/document.ts, then npm run -s waypoint -- openapi > docs/openapi.json';
    expect([...served].filter((route) => !documented.has(route)).sort(), `a route is served but not documented: ${fix}`).toEqual([]);
    expect([...documented].filter((route) => !served.has(route)).sort(), `a documented route is served nowhere: ${fix}`).toEqual([]);
  });

  it('when the app is asked for /openapi.json, then it serves the same document', async () => {
    const response = await request(createApp({ logger: createLogger({ level: 'silent' }), db })).get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(openApiDocument());
  });

  it('when the app answers /healthz, /readyz and an unknown route, then each body fits the schema the document gives it', async () => {
    const app = createApp({ logger: createLogger({ level: 'silent' }), db });
    expect(okSchema.safeParse((await request(app).get('/healthz')).body).success).toBe(true);
    expect(readySchema.safeParse((await request(app).get('/readyz')).body).success).toBe(true);
    expect(errorBodySchema.safeParse((await request(app).get('/nowhere')).body).success).toBe(true);
  });
});
