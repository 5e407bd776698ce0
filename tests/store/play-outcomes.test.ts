import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { playOutcomesRepository } from '../../src/store/play-outcomes-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';

const PORTAL = 77;
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const cardWithHealth = (companyId: string, days: number, score: number) => {
  const card = healthyCard(companyId, at(days));
  return { ...card, health: { ...card.health, score } };
};

describe('play outcomes recorded from the card', () => {
  let db: Db;
  beforeEach(async () => {
    db = await memoryStore();
  });
  afterEach(async () => db.close());

  it('when outcomes are recorded, then scoring reads them per company, oldest first', async () => {
    const outcomes = playOutcomesRepository(db);
    await outcomes.record(PORTAL, { companyId: 'a', play: 'advocacy_ask', status: 'done', outcome: 'case_study', note: null, recordedAt: at(5).toISOString() });
    await outcomes.record(PORTAL, { companyId: 'a', play: 'advocacy_ask', status: 'done', outcome: 'review', note: 'happy to', recordedAt: at(1).toISOString() });
    await outcomes.record(PORTAL + 1, { companyId: 'a', play: 'rescue', status: 'skipped', outcome: null, note: null, recordedAt: at(1).toISOString() });
    const read = await outcomes.forCompanies(PORTAL);
    expect(read.get('a')?.map((o) => o.outcome)).toEqual(['review', 'case_study']);
  });

  it('when a play was done and health was scored 30 and 90 days later, then effectiveness shows health then and after', async () => {
    const scores = scoresRepository(db);
    for (const [days, score] of [[0, 40], [29, 50], [31, 60], [89, 70], [91, 80]] as const) await scores.insert(PORTAL, cardWithHealth('a', days, score), null);
    const outcomes = playOutcomesRepository(db);
    await outcomes.record(PORTAL, { companyId: 'a', play: 'rescue', status: 'done', outcome: null, note: null, recordedAt: at(0.5).toISOString() });
    const rows = await outcomes.effectiveness(PORTAL, at(200));
    // Health 30 days later is the last score on or before that day (day 29 here), not the first one after it.
    expect(rows).toEqual([{ play: 'rescue', status: 'done', outcome: null, count: 1, health_at: 40, health_30: 50, health_90: 70 }]);
  });

  it('when 90 days have not passed yet, then health 90 days later is unknown, not the latest score', async () => {
    await scoresRepository(db).insert(PORTAL, cardWithHealth('a', 0, 40), null);
    await scoresRepository(db).insert(PORTAL, cardWithHealth('a', 30, 55), null);
    const outcomes = playOutcomesRepository(db);
    await outcomes.record(PORTAL, { companyId: 'a', play: 'drive_adoption', status: 'done', outcome: null, note: null, recordedAt: at(1).toISOString() });
    const [row] = await outcomes.effectiveness(PORTAL, at(45));
    expect(row).toMatchObject({ health_at: 40, health_30: 55, health_90: null });
  });
});
