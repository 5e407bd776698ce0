import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { overlayConfig } from '../../src/scoring/config-overlay.ts';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-cli-backtest-'));
const PORTAL = 404;

const run = async (argv: string[], dir = dataDir) => {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const code = await runCli(argv, {
    readFile: () => { throw Object.assign(new Error('missing'), { code: 'ENOENT' }); },
    writeFile: (path, text) => { written.set(path, text); },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2026-11-01T00:00:00Z'),
    env: { DATA_DIR: dir },
  });
  return { code, out, err, written };
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

describe('npm run waypoint -- backtest --calibrate --write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-cli-calibrate-'));
  const CALIBRATED = 405;
  const DAY = 86_400_000;
  const daysBefore = (days: number) => new Date(Date.parse('2026-11-01T00:00:00Z') - days * DAY).toISOString();

  beforeAll(async () => {
    const db = await openStore({ kind: 'pglite', dataDir: dir });
    // 60 customers since 500 days ago; every third left (its stage moved off customer) after two urgent tickets
    // opened 100 days before it went; the others never opened one.
    const companies = Array.from({ length: 60 }, (_, i) => {
      const left = i % 3 === 0 ? 20 + ((i * 7) % 380) : null;
      return { i, left, properties: {
        name: `Customer ${i}`, numberofemployees: '250', country: 'Germany', industry: 'COMPUTER_SOFTWARE', createdate: daysBefore(500),
        lifecyclestage: left === null ? 'customer' : 'other', hs_date_exited_customer: left === null ? null : daysBefore(left),
      } };
    });
    const crm = crmRepository(db);
    await crm.upsertObjects(CALIBRATED, 'companies', companies.map((c) => ({ id: String(c.i + 1), properties: c.properties })));
    const tickets = companies.flatMap((c) => (c.left === null ? [] : [100, 95].map((before, k) => ({
      id: `${c.i + 1}-${k}`, company: String(c.i + 1), properties: { hs_ticket_priority: 'URGENT', createdate: daysBefore(c.left! + before), subject: 'Down' },
    }))));
    await crm.upsertObjects(CALIBRATED, 'tickets', tickets.map(({ id, properties }) => ({ id, properties })));
    await crm.insertLinks(CALIBRATED, 'tickets', tickets.map((t) => ({ child: t.id, company: t.company })));
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the history can be split, then it prints current against proposed on the held-out months and writes the proposal as a partial config', async () => {
    const { code, out, err, written } = await run(['backtest', '--portal', String(CALIBRATED), '--horizon', '90', '--calibrate', '--write', 'proposal.json'], dir);

    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toContainEqual(expect.stringMatching(/^calibration, churn within 90 days: fitted on \d+ older cutoffs/));
    expect(out.at(-1)).toBe(`proposal written to proposal.json: review it with npm run waypoint -- config diff --portal ${CALIBRATED} proposal.json`);
    const proposal = JSON.parse(written.get('proposal.json')!) as { health: { components: Record<string, { weight: number }>; status: { green: number } } };
    const parsed = parseScoringConfig(overlayConfig(defaultScoringConfig, proposal));
    expect(parsed.ok).toBe(true);
    expect(proposal.health.components.support!.weight).toBeGreaterThan(defaultScoringConfig.health.components.support.weight);
  });
});
