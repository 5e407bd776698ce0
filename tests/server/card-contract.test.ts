import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardDataSchema as cardContract } from '../../cards/card-data.schema.ts';
import { scoreChecked } from '../../src/portal-scoring/score-company.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoringConfigRepository } from '../../src/store/scoring-config-repository.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { cardDataSchema } from '../../src/server/cards/card-data.schema.ts';
import { loadCardData } from '../../src/server/cards/load-card-data.ts';
import type { Db } from '../../src/store/db.ts';
import { storeBackends } from '../helpers/stores.ts';
import { snapshotArb } from '../scoring/support/arbitraries.ts';
import { NOW, healthyCard } from '../writeback/support.ts';
import { addCompany, addScores, installPortal } from './cards-support.ts';

// The card's first view no longer parses what it sends (the stored card passed its schema when it was scored):
// these stories are what keeps every card Waypoint can store, and every card older releases stored, in the contract.
const PORTAL = 5005;

const expectInContract = (data: unknown) => {
  expect(cardDataSchema.parse(data)).toEqual(data);
  expect(cardContract.parse(data)).toEqual(data);
};

/** A card as an older release stored it: without the fields added since, which the schema fills with defaults. */
const olderCard = (companyId: string) => {
  const { csmSentiment: _csm, valueRealised: _value, ...card } = healthyCard(companyId);
  const { who: _who, evidence: _evidence, template: _template, ...nextPlay } = card.nextPlay;
  return { ...card, nextPlay, milestones: card.milestones.map(({ scope: _scope, ...m }) => m) };
};

const storeRaw = (db: Db, companyId: string, card: unknown, shape: string | null) =>
  db.query(
    `INSERT INTO score_snapshots (portal_id, company_id, scored_at, health_score, cohort, card, card_shape) VALUES ($1, $2, $3, 50, 'neutral', $4, $5)`,
    [PORTAL, companyId, NOW, JSON.stringify(card), shape],
  );

describe.each(storeBackends())('the card contract of what the store holds, on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await installPortal(db, PORTAL);
  });
  afterAll(async () => cleanup());

  it('when any card that scoring can store is viewed, then the card data is exactly in the card contract', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(snapshotArb, async (snapshot) => {
      const companyId = String(++n);
      const card: ScoreCard = { ...scoreChecked(snapshot, defaultScoringConfig, NOW), companyId };
      await addCompany(db, PORTAL, companyId);
      await addScores(db, PORTAL, [card]);

      const data = await loadCardData(db, PORTAL, companyId);

      expect(data.status).toBe('ok');
      expectInContract(data);
    }), { numRuns: 40, seed: 20261202 });
  });

  it.each([
    { name: 'before cards were stamped with their shape', shape: null },
    { name: 'by a release whose card schema differed', shape: 'an-older-shape' },
  ])('when a card stored $name lacks the fields added since, then it is viewed with their defaults, in the contract', async ({ shape }) => {
    const companyId = shape === null ? '9001' : '9002';
    await addCompany(db, PORTAL, companyId);
    await storeRaw(db, companyId, olderCard(companyId), shape);

    const data = await loadCardData(db, PORTAL, companyId);

    expectInContract(data);
    expect(data.status === 'ok' && data.score.nextPlay).toMatchObject({ who: null, evidence: [], template: null });
    expect(data.status === 'ok' && data.score.csmSentiment).toBeNull();
  });

  it('when a company was scored on three days, then its trend has one point a day, oldest first, in the contract', async () => {
    await addCompany(db, PORTAL, '9004');
    const days = [2, 1, 0].map((d) => new Date(NOW.getTime() - d * 86_400_000));
    await addScores(db, PORTAL, days.map((at) => healthyCard('9004', at)));

    const data = await loadCardData(db, PORTAL, '9004');

    expectInContract(data);
    expect(data.status === 'ok' && data.score.trend.map((p) => p.date)).toEqual(days.map((at) => at.toISOString().slice(0, 10)));
  });

  it('when the latest stored card no longer parses, then it is passed over as today: the company reads as not yet scored', async () => {
    await addCompany(db, PORTAL, '9003');
    const poisoned = healthyCard('9003');
    await storeRaw(db, '9003', { ...poisoned, health: { ...poisoned.health, score: null } }, null);

    const data = await loadCardData(db, PORTAL, '9003');

    expect(data).toEqual({ status: 'not_scored' });
  });

  it('when an admin saves a new scoring config after a first view, then the next first view reads it, not the one kept', async () => {
    await addCompany(db, PORTAL, '9005', { lifecyclestage: 'evangelist' });
    expect(await loadCardData(db, PORTAL, '9005')).toEqual({ status: 'not_customer' });

    const customerFilter = { ...defaultScoringConfig.customerFilter, values: [...defaultScoringConfig.customerFilter.values, 'evangelist'] };
    await scoringConfigRepository(db).save(PORTAL, { ...defaultScoringConfig, customerFilter }, 'admin', NOW);

    expect(await loadCardData(db, PORTAL, '9005')).toEqual({ status: 'not_scored' });
  });
});
