import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { companySnapshotSchema, type CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { syncRepository } from '../../src/store/sync-repository.ts';
import { expectedCustomerContent, startHarness, type Harness } from './sync-harness.ts';

const storedIds = async (h: Harness, type: string): Promise<Set<string>> =>
  new Set((await h.db.query<{ id: string }>('SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = $2', [h.portalId, type])).map((r) => r.id));

// M (5,000 companies) takes minutes, so the unit suite runs S; WAYPOINT_SYNC_SIZE=M runs the acceptance size.
const SIZE = process.env.WAYPOINT_SYNC_SIZE === 'M' ? 'M' : 'S';

describe(`full sync of an ${SIZE} portal`, () => {
  let h: Harness;
  let result: Awaited<ReturnType<typeof syncPortal>>;
  beforeAll(async () => {
    h = await startHarness({ size: SIZE });
    result = await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
  }, SIZE === 'M' ? 1_800_000 : undefined);
  afterAll(() => h.close());

  it('when it finishes, then exactly the customer companies are in the store', async () => {
    const expected = expectedCustomerContent(h.emulator, h.portalId);
    expect(expected.customers.size).toBeGreaterThan(0);
    expect(await storedIds(h, 'companies')).toEqual(expected.customers);
  });

  it('when it finishes, then every customer record of every type is there and none of the prospects\' activity', async () => {
    const expected = expectedCustomerContent(h.emulator, h.portalId);
    expect(expected.prospectsChildren.size).toBeGreaterThan(0);
    for (const [type, ids] of expected.children) expect({ type, ids: await storedIds(h, type) }).toEqual({ type, ids });
  });

  it('when it finishes, then each record keeps HubSpot\'s values and its link to its company', async () => {
    const { store } = h.emulator.state.portal(h.portalId);
    const rows = await h.db.query<{ id: string; properties: Record<string, string | null>; company: string }>(
      `SELECT o.object_id AS id, o.properties, a.to_id AS company FROM crm_objects o
       JOIN crm_associations a ON a.portal_id = o.portal_id AND a.from_type = o.object_type AND a.from_id = o.object_id
       WHERE o.portal_id = $1 AND o.object_type = 'emails' ORDER BY o.object_id LIMIT 50`, [h.portalId],
    );
    expect(rows.length).toBe(50);
    for (const row of rows) {
      const source = store.get('emails', row.id);
      expect(row.company).toBe(source?.companyId);
      expect(row.properties.hs_email_direction).toBe(source?.properties.hs_email_direction);
      expect(row.properties.hs_timestamp).toBe(source?.properties.hs_timestamp);
    }
  });

  it('when it finishes, then it used at most 1.05 times the minimum requests of its strategies and met no 429', () => {
    expect(result.mode).toBe('full');
    if (result.mode !== 'full') return;
    const served = h.emulator.stats().byPortal[String(h.portalId)];
    expect(result.rateLimited).toBe(0);
    expect(served?.http429).toBe(0);
    expect(result.requestsUsed).toBe(served?.total);
    console.info(`${SIZE} full sync: ${result.requestsUsed} requests, minimum ${result.minimumRequests}, strategies ${result.plan?.map((p) => `${p.type}=${p.strategy}`).join(' ')}`);
    expect(result.requestsUsed).toBeLessThanOrEqual(Math.ceil(result.minimumRequests * 1.05));
  });

  it('when it finishes, then the run records each type\'s strategy with its reason and the incremental watermarks', async () => {
    const [run] = await syncRepository(h.db).recentRuns(h.portalId, 1);
    expect(run?.status).toBe('succeeded');
    expect(run?.strategy.emails).toMatchObject({ strategy: expect.stringMatching(/^(list|associations)$/), reason: expect.stringContaining('requests') });
    expect(run?.progress).toMatchObject({ requestsUsed: expect.any(Number), records: expect.any(Number), etaSeconds: 0 });
    const checkpoints = await syncRepository(h.db).checkpoints(h.portalId);
    expect(checkpoints.map((c) => c.stream)).toContain('incremental:emails');
    expect(checkpoints.map((c) => c.stream)).not.toContain('full');
  });

  it('when it finishes, then every customer is sent for rescoring', () => {
    expect(h.scoringRequests).toEqual([{ portalId: h.portalId, companyIds: null }]);
  });

  it('when it finishes, then every customer yields a valid scoring snapshot holding its synced records', async () => {
    const expected = expectedCustomerContent(h.emulator, h.portalId);
    const snapshots: CompanySnapshot[] = [];
    for await (const snapshot of storeSnapshotSource(h.db).load(h.portalId, defaultScoringConfig)) snapshots.push(companySnapshotSchema.parse(snapshot));
    expect(new Set(snapshots.map((s) => s.company.id))).toEqual(expected.customers);
    const { store } = h.emulator.state.portal(h.portalId);
    const sample = snapshots.find((s) => s.engagements.length > 0 && s.tickets.length > 0);
    if (!sample) throw new Error('no customer with engagements and tickets');
    const inbound = store.childrenOf(sample.company.id, 'emails').filter((e) => e.properties.hs_email_direction === 'INCOMING_EMAIL').length;
    expect(sample.engagements.filter((e) => e.kind === 'email' && e.direction === 'inbound')).toHaveLength(inbound);
    expect(sample.tickets).toHaveLength(store.childrenOf(sample.company.id, 'tickets').length);
  });
});
