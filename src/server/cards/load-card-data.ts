import { isCustomer } from '../../scoring/fit.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { compareWithStarPupils } from '../../scoring/star-pupils.ts';
import { loadCardInputs } from '../../store/scores-repository.ts';
import { starPupilsRepository } from '../../store/star-pupils-repository.ts';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { cardDataSchema, type CardData } from './card-data.schema.ts';
import { TREND_DAYS, scoreView } from './card-view.ts';

/**
 * The card data of one company of one portal, from the store only. A company this portal does not have is a
 * NOT_FOUND, whether it exists in another portal or nowhere: the answer must not tell the two apart.
 */
export const loadCardData = async (db: Db, portalId: number, companyId: string): Promise<CardData> => {
  const inputs = await loadCardInputs(db, portalId, companyId, TREND_DAYS);
  if (!inputs) throw new AppError('NOT_FOUND', `No company ${companyId} in this portal`);
  const { company, latest, history } = inputs;
  if (!latest) {
    const { config } = await effectiveScoringConfig(db, portalId);
    return { status: isCustomer(company.properties, config) ? 'not_scored' : 'not_customer' };
  }
  const [profile, { config }] = await Promise.all([starPupilsRepository(db).latest(portalId), effectiveScoringConfig(db, portalId)]);
  const data: CardData = {
    status: 'ok',
    company: { id: company.id, name: company.properties.name ?? '' },
    score: scoreView(latest.card, history, compareWithStarPupils(latest.card, profile, config)),
  };
  // A card that cannot draw what we send shows an error; failing here names the field in our logs instead.
  const checked = cardDataSchema.safeParse(data);
  if (!checked.success) throw new AppError('INTERNAL', `Card data for company ${companyId} breaks the card contract`, { cause: checked.error });
  return checked.data;
};
