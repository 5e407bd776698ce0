import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyTruth, CrmRecord } from '../../emulator/generator/index.ts';
import { cutSnapshot } from '../../src/backtest/as-of.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { createApp } from '../../src/server/create-app.ts';
import { portfolioRouter } from '../../src/server/routes/get-portfolio.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { startSandbox, type Sandbox } from './sandbox-harness.ts';

// The CS leader's story on the emulator: a portal synced and scored end to end, with a year of history, read through
// the portfolio endpoints, and each figure checked against a recomputation from the emulator's ground truth (its
// hidden plan of each company: customer or not, since when, when it churned, its ARR and segment), never from
// Waypoint's rules.

const DAY = 86_400_000;
const logger = createLogger({ level: 'silent' });
const monthsBefore = (at: Date, months: number) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, at.getUTCDate(), at.getUTCHours()));

type Fact = { truth: CompanyTruth; record: CrmRecord; arr: number; since: number };

describe('the portfolio of an emulated portal with a year of history, against its ground truth', () => {
  let sandbox: Sandbox;
  let app: ReturnType<typeof createApp>;
  let facts: Fact[];
  let now: Date;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    sandbox = await startSandbox({ seed: 7, profile: 'rich' });
    const portal = sandbox.emulator.portals[0];
    if (!portal) throw new Error('the emulator has no portal');
    now = sandbox.scoringClock.now();
    facts = portal.companies.flatMap((record) => {
      const truth = portal.truth.get(record.id);
      const since = Date.parse(record.properties.contract_start_date ?? '');
      return truth?.customer && Number.isFinite(since) ? [{ truth, record, arr: Number(record.properties.annual_recurring_revenue ?? 0), since }] : [];
    });

    // The history Waypoint would hold had it run all year: a scoring run at each moment the portfolio looks back to,
    // over the companies that were customers then, each seen as it stood then (the as-of cut the backtest uses).
    const moments = [12, 6, 3].map((m) => monthsBefore(now, m)).concat([90, 30].map((d) => new Date(now.getTime() - d * DAY)));
    const source = storeSnapshotSource(sandbox.db);
    for (const at of moments) {
      const then = facts.filter((f) => f.since <= at.getTime()).map((f) => f.record.id);
      const snapshots = { async *load(...args: Parameters<typeof source.load>) { for await (const s of source.load(...args)) yield cutSnapshot(s, at); } };
      await scorePortal({ db: sandbox.db, clock: fixedClock(at), logger, snapshots }, { portalId: sandbox.result.portalId, companyIds: then });
    }
    const admin = requirePortalAdmin({ apiKeys: apiKeysRepository(sandbox.db), clientSecret: sandbox.emulator.clientSecret, publicBaseUrl: sandbox.baseUrl, clock: sandbox.scoringClock });
    app = createApp({ logger, db: sandbox.db, routers: [portfolioRouter({ db: sandbox.db, clock: sandbox.scoringClock, requireAdmin: admin })] });
  }, 300_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  const get = async (section: string) => {
    const response = await request(app).get(`/api/v1/portals/${sandbox.result.portalId}/portfolio/${section}`).set('authorization', `Bearer ${sandbox.result.apiKey}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const churnedBy = (f: Fact, at: number) => f.truth.churn !== null && Date.parse(f.truth.churn.churnedAt) <= at;
  const sum = (list: readonly Fact[]) => list.reduce((n, f) => n + f.arr, 0);

  it('when the leader reads the cohorts, then each segment holds exactly the customers the portal still has, with their ARR, and the churned ones apart', async () => {
    const body = await get('cohorts');

    for (const segment of ['small', 'mid', 'large'] as const) {
      const inSegment = facts.filter((f) => f.truth.segment === segment);
      const current = inSegment.filter((f) => !churnedBy(f, now.getTime()));
      const cells = (body.cells as Array<{ segment: string; customers: number; arr: number }>).filter((c) => c.segment === segment);
      const churned = (body.churned as Array<{ segment: string; customers: number; arr: number }>).find((c) => c.segment === segment);
      expect({ segment, customers: cells.reduce((n, c) => n + c.customers, 0), arr: cells.reduce((n, c) => n + c.arr, 0) }).toEqual({ segment, customers: current.length, arr: sum(current) });
      const gone = inSegment.filter((f) => churnedBy(f, now.getTime()));
      expect({ segment, churned: churned?.customers ?? 0, arr: churned?.arr ?? 0 }).toEqual({ segment, churned: gone.length, arr: sum(gone) });
    }
  });

  it.each([3, 6, 12] as const)('when the leader reads retention over %i months, then the start base, churned ARR and the rates are the ground truth\'s', async (months) => {
    const body = await get(`retention?months=${months}`);
    const period = body.periods[0];
    const start = monthsBefore(now, months).getTime();
    expect(Date.parse(period.start)).toBe(start);
    const base = facts.filter((f) => f.since <= start && !churnedBy(f, start) && f.arr > 0);
    const lost = base.filter((f) => churnedBy(f, now.getTime()));
    const startArr = sum(base);
    const kept = (startArr - sum(lost)) / startArr;

    // The emulator's ARR is a company's contract value, the same all year: no expansion or contraction to find.
    expect(period.total.all).toEqual({
      customers: base.length, retainedCustomers: base.length - lost.length, startArr, expansionArr: 0, contractionArr: 0, churnedArr: sum(lost),
      grossRevenueRetention: expect.closeTo(kept, 9), netRevenueRetention: expect.closeTo(kept, 9), logoRetention: expect.closeTo((base.length - lost.length) / base.length, 9),
    });
    expect(lost.length).toBeGreaterThan(0);
    for (const segment of ['small', 'mid', 'large']) {
      const figures = period.bySegment.find((s: { segment: string }) => s.segment === segment)?.all;
      const inSegment = base.filter((f) => f.truth.segment === segment);
      expect({ segment, customers: figures?.customers ?? 0, churnedArr: figures?.churnedArr ?? 0 }).toEqual({ segment, customers: inSegment.length, churnedArr: sum(inSegment.filter((f) => churnedBy(f, now.getTime()))) });
    }
  });

  it('when the leader reads the churn review, then the customers who churned in the last 12 months are the ground truth\'s, each with how avoidable and expected it was', async () => {
    const body = await get('churn-review?months=12&limit=500');
    const since = monthsBefore(now, 12).getTime();
    const churned = facts.filter((f) => f.truth.churn !== null && Date.parse(f.truth.churn.churnedAt) > since && churnedBy(f, now.getTime()));
    const shown = (body.customers as Array<{ companyId: string; avoidable: boolean; expected: boolean }>).map((c) => ({ companyId: c.companyId, avoidable: c.avoidable, expected: c.expected }));
    const truth = churned.map((f) => ({ companyId: f.record.id, avoidable: f.truth.churn?.avoidable, expected: f.truth.churn?.expected }));
    const key = (c: { companyId: string }) => c.companyId;
    expect(shown.map(key).sort()).toEqual(truth.map(key).sort());
    expect(shown.length).toBeGreaterThan(0);
    const byId = new Map(truth.map((t) => [t.companyId, t]));
    expect(shown.filter((c) => byId.get(c.companyId)?.avoidable !== c.avoidable)).toEqual([]);
    // Expected means Waypoint flagged the customer (bad fit, negative, dark) in the weeks before it left; this
    // history has a card a few times a year, not daily, so a flag can fall between two cards. Nine in ten must agree.
    const agreeing = shown.filter((c) => byId.get(c.companyId)?.expected === c.expected).length;
    expect(agreeing / shown.length).toBeGreaterThanOrEqual(0.9);
  });

  it('when the leader reads the worklists and renewals, then each CSM is named as the portal\'s HubSpot owner with their customers', async () => {
    const portal = sandbox.emulator.portals[0]!;
    const named = new Map(portal.owners.map((o) => [o.id, `${o.firstName} ${o.lastName}`]));
    const ownerOf = new Map(facts.map((f) => [f.record.id, f.record.properties.hubspot_owner_id ?? null]));
    const body = await get('worklists?limit=500');
    const owners = body.owners as Array<{ ownerId: string | null; ownerName: string | null; top: Array<{ companyId: string }> }>;
    expect(owners.filter((o) => o.ownerId !== null).length).toBeGreaterThan(1);
    for (const owner of owners) {
      expect({ owner: owner.ownerId, name: owner.ownerName }).toEqual({ owner: owner.ownerId, name: owner.ownerId === null ? null : named.get(owner.ownerId) });
      for (const item of owner.top) expect(ownerOf.get(item.companyId)).toBe(owner.ownerId);
    }
    const renewals = (await get('renewals?days=365')).renewals as Array<{ ownerId: string | null; ownerName: string | null }>;
    expect(renewals.length).toBeGreaterThan(0);
    for (const r of renewals) expect(r.ownerName).toBe(r.ownerId === null ? null : named.get(r.ownerId));
  });

  it('when the leader reads the movement, then new customers and churned ones in each window are the ground truth\'s', async () => {
    const body = await get('movement');

    for (const days of [30, 90]) {
      const since = now.getTime() - days * DAY;
      const window = body.windows.find((w: { days: number }) => w.days === days);
      const count = (match: (t: { from: string; to: string }) => boolean) =>
        (window.transitions as Array<{ from: string; to: string; customers: number }>).filter(match).reduce((n, t) => n + t.customers, 0);
      const joined = facts.filter((f) => f.since > since && f.since <= now.getTime());
      const left = facts.filter((f) => f.since <= since && !churnedBy(f, since) && churnedBy(f, now.getTime()));
      expect({ days, newCustomers: count((t) => t.from === 'new'), churned: count((t) => t.from !== 'new' && t.to === 'churned') })
        .toEqual({ days, newCustomers: joined.length, churned: left.length });
      if (days === 90) expect(joined.length * left.length).toBeGreaterThan(0);
    }
  });
});
