import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { scoringConfigRepository } from '../../src/store/scoring-config-repository.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-cli-config-'));
const PORTAL = 303;

const run = async (argv: string[], files: Record<string, unknown> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return JSON.stringify(files[path]);
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2026-11-01T00:00:00Z'),
    env: { DATA_DIR: dataDir },
  });
  return { code, out, err };
};

const retailIsBad = { fit: { bad: [{ op: 'in', property: 'industry', values: ['RETAIL'] }] } };

describe('npm run waypoint -- config', () => {
  beforeAll(async () => {
    const db = await openStore({ kind: 'pglite', dataDir });
    const customer = { lifecyclestage: 'customer', numberofemployees: '250', country: 'Germany', annual_recurring_revenue: '50000' };
    await crmRepository(db).upsertObjects(PORTAL, 'companies', [
      { id: '1', properties: { ...customer, name: 'Acme Analytics', industry: 'COMPUTER_SOFTWARE' } },
      { id: '2', properties: { ...customer, name: 'Shoe Palace', industry: 'RETAIL' } },
    ]);
    await db.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when diffed with a partial file, then it prints the dry run: counts, the write-back size and exactly the company that changes', async () => {
    const { code, out, err } = await run(['config', 'diff', '--portal', String(PORTAL), 'retail.json'], { 'retail.json': retailIsBad });

    // A dry run that takes over a second (any run on a loaded machine) reports progress on stderr; nothing else may appear.
    expect({ code, err: err.filter((line) => !line.startsWith('  … dry run (')) }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^2 customers; changes: customer 0, fit 1, cohort 1/);
    expect(out[1]).toMatch(/^write-back would write \d+ HubSpot properties on 1 companies$/);
    expect(out.slice(2)).toEqual([expect.stringMatching(/^ {2}2\tShoe Palace\tfit (good|stretch) -> bad, cohort \w+ -> bad_fit.*\tFit bad: /)]);
  });

  it('when the file holds an invalid value, then it names the path and reason and stores nothing', async () => {
    const { code, err } = await run(['config', 'apply', '--portal', String(PORTAL), 'bad.json'], { 'bad.json': { dark: { defaultDays: -3 } } });

    expect(code).toBe(1);
    expect(err).toEqual(['Scoring config is invalid: dark.defaultDays must be 0 or more days']);
  });

  it('when applied, then the dry run is printed, a version is saved by the operator and rescoring of the whole portal is queued', async () => {
    const { code, out } = await run(['config', 'apply', '--portal', String(PORTAL), 'retail.json'], { 'retail.json': retailIsBad });

    expect(code).toBe(0);
    expect(out.at(-1)).toBe(`saved as version 1; rescoring of portal ${PORTAL} is queued`);
    const shown = await run(['config', 'show', '--portal', String(PORTAL)]);
    expect(shown.err).toEqual([`portal ${PORTAL}, version 1`]);
    expect(JSON.parse(shown.out.join('\n')).fit.bad).toEqual(retailIsBad.fit.bad);
    const db = await openStore({ kind: 'pglite', dataDir });
    try {
      expect((await scoringConfigRepository(db).latest(PORTAL))?.createdBy).toBe('operator_cli');
      expect(await rescoreRequestsRepository(db).claim(PORTAL, 'test', new Date())).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
