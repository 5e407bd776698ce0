import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-cli-backtest-'));
const PORTAL = 404;

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    readFile: () => { throw Object.assign(new Error('missing'), { code: 'ENOENT' }); },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2026-11-01T00:00:00Z'),
    env: { DATA_DIR: dataDir },
  });
  return { code, out, err };
};

describe('npm run waypoint -- backtest', () => {
  beforeAll(async () => {
    const db = await openStore({ kind: 'pglite', dataDir });
    const customer = {
      lifecyclestage: 'customer', numberofemployees: '250', country: 'Germany', industry: 'COMPUTER_SOFTWARE',
      annual_recurring_revenue: '50000', contract_start_date: '2026-01-10', createdate: '2026-01-10T00:00:00Z',
    };
    await crmRepository(db).upsertObjects(PORTAL, 'companies', [
      { id: '1', properties: { ...customer, name: 'Acme Analytics' } },
      { id: '2', properties: { ...customer, name: 'Gone Ltd' } },
    ]);
    // Churn as a stock portal records it: the renewal deal closed lost, nothing won after.
    await crmRepository(db).upsertObjects(PORTAL, 'deals', [{ id: '20', properties: {
      dealtype: 'existingbusiness', amount: '50000', closedate: '2026-07-15T00:00:00Z', hs_is_closed: 'true', hs_is_closed_won: 'false', closed_lost_reason: 'Went with competitor',
    } }]);
    await crmRepository(db).insertLinks(PORTAL, 'deals', [{ child: '20', company: '2' }]);
    await db.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when run on a synced portal, then it prints the cutoffs, the churn it judged against and the calibration table', async () => {
    const { code, out, err } = await run(['backtest', '--portal', String(PORTAL), '--horizon', '90']);

    expect({ code, err }).toEqual({ code: 0, err: [] });
    // Cutoffs Feb..Aug 2026; Acme is in all 7; Gone Ltd (left 15 July) in the 6 before it, churning within 90 days of May, June and July.
    expect(out[0]).toBe('backtest, churn within 90 days, 7 monthly cutoffs 2026-02-01 .. 2026-08-01');
    expect(out[1]).toMatch(/^all: 13 customer-cutoffs, 3 churned; health AUC /);
    expect(out).toContain('calibration (risk = 100 - health, deciles from safest to riskiest):');
  });

  it('when the horizon is not one the report knows, then it says which values it takes and reads nothing', async () => {
    const { code, err } = await run(['backtest', '--portal', String(PORTAL), '--horizon', '30']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^--horizon: expected 90 or 180 days, got "30"\n/);
  });

  it('when asked to calibrate a portal with too little history to split, then it prints the backtest and says why nothing is proposed', async () => {
    const { code, out } = await run(['backtest', '--portal', String(PORTAL), '--horizon', '90', '--calibrate']);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^calibration: nothing to propose: /);
  });

  it('when --write comes without --calibrate, then it says the two go together and reads nothing', async () => {
    const { code, err } = await run(['backtest', '--portal', String(PORTAL), '--write', 'proposal.json']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^--write: only with --calibrate/);
  });

  it('when asked for help, then it prints the usage', async () => {
    const { code, out } = await run(['backtest', '--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^usage: npm run waypoint -- backtest --portal N \[--horizon 90\|180\] \[--calibrate \[--write FILE\]\]/);
  });
});
