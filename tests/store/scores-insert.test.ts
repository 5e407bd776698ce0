import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { decliningCard, healthyCard } from '../writeback/support.ts';

const PORTAL = 5151;

describe.each(storeBackends())('score cards stored in sets on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when a scoring run stores many cards in one statement, then each reads back whole with its own score, cohort and time', async () => {
    const cards = [healthyCard('101'), decliningCard('102')];
    await scoresRepository(db).insertMany(PORTAL, cards, 7);
    const latest = await scoresRepository(db).latestByCompany(PORTAL);
    expect([...latest.values()].map((s) => ({ companyId: s.companyId, scoredAt: s.scoredAt.toISOString(), configVersion: s.configVersion, card: s.card })))
      .toEqual(cards.map((card) => ({ companyId: card.companyId, scoredAt: new Date(card.scoredAt).toISOString(), configVersion: 7, card })));
    const columns = await db.query<{ company_id: string; health_score: number | null; cohort: string }>(
      'SELECT company_id, health_score, cohort FROM score_snapshots WHERE portal_id = $1 ORDER BY company_id', [PORTAL]);
    expect(columns).toEqual(cards.map((card) => ({ company_id: card.companyId, health_score: card.health.score, cohort: card.cohort })));
  });
});
