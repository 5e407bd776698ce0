import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { NOW, aSnapshot, inboundEmail, meeting, usageLine } from '../scoring/support/snapshot.ts';

export { NOW };

/** An empty, migrated embedded store for one test file. */
export const memoryStore = (): Promise<Db> => openStore({ kind: 'pglite', dataDir: undefined });

/** A real score card from the scoring engine for a healthy customer with the given id. */
export const healthyCard = (companyId: string, at: Date = NOW): ScoreCard =>
  scoreCompany(
    aSnapshot({
      company: { id: companyId, activeUsers30d: 80, keyFeaturesUsed: 6 },
      engagements: [inboundEmail(3), meeting(10, 'Business review')],
      usage: usageLine(50, 80),
    }),
    defaultScoringConfig,
    at,
  );

/** The same customer after usage collapsed and nobody answered for two months. */
export const decliningCard = (companyId: string, at: Date = NOW): ScoreCard =>
  scoreCompany(aSnapshot({ company: { id: companyId, activeUsers30d: 5 }, usage: usageLine(60, 5) }), defaultScoringConfig, at);

/** Stores the cards, and their companies as synced records (write-back only addresses companies the store holds). */
export const storeCards = async (db: Db, portalId: number, cards: readonly ScoreCard[]): Promise<void> => {
  await crmRepository(db).upsertObjects(portalId, 'companies', cards.map((card) => ({ id: card.companyId, properties: { name: `Company ${card.companyId}` } })));
  for (const card of cards) await scoresRepository(db).insert(portalId, card, null);
};
