import { isCustomer } from '../../scoring/fit.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { compareWithStarPupils } from '../../scoring/star-pupils.ts';
import { lookupCard } from '../../store/scores-repository.ts';
import type { CardData } from './card-data.schema.ts';
import { TREND_DAYS, scoreView } from './card-view.ts';
import { portalCardContext } from './portal-card-context.ts';

/**
 * The card data of one company of one portal, from the store only, in one statement while the portal's scoring
 * config and star-pupil profile are unchanged (portal-card-context keeps them under their stamp). A portal
 * Waypoint no longer serves is FORBIDDEN; a company this portal does not have is a NOT_FOUND, whether it exists in
 * another portal or nowhere: the answer must not tell the two apart.
 *
 * The result is not parsed with cardDataSchema here: the stored card passed its schema when it was scored (or is
 * parsed in full on the way out when it did not), and scoreView only maps it, so a check per view would spend the
 * first view's time proving the same thing again. The card contract is kept by tests instead
 * (tests/server/card-contract.test.ts: every card scoring can store, drawn at random, and cards stored by older
 * releases come out in the contract).
 */
export const loadCardData = async (db: Db, portalId: number, companyId: string): Promise<CardData> => {
  const found = await lookupCard(db, portalId, companyId, TREND_DAYS);
  if (found.found === 'not_installed') throw new AppError('FORBIDDEN', 'Waypoint is not installed in this portal');
  if (found.found === 'no_company') throw new AppError('NOT_FOUND', `No company ${companyId} in this portal`);
  const { company, latest, history } = found;
  const { config, profile } = await portalCardContext(db, portalId, found.portalStamp);
  if (!latest) return { status: isCustomer(company.properties, config) ? 'not_scored' : 'not_customer' };
  return {
    status: 'ok',
    company: { id: company.id, name: company.properties.name ?? '' },
    score: scoreView(latest.card, history, compareWithStarPupils(latest.card, profile, config)),
  };
};
