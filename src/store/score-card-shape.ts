import { createHash } from 'node:crypto';
import { z } from 'zod';
import { scoreCardSchema } from '../scoring/score-card.schema.ts';

/**
 * A fingerprint of the score card schema this release runs, stored beside each card that passed it (scoring checks
 * every card before it is stored). A read may trust a card with the same fingerprint without parsing it again; any
 * change to the schema (a field, a default, a bound) changes the fingerprint, so cards stored before the change are
 * parsed in full once more and gain their defaults or are passed over. Derived, never bumped by hand, so it cannot
 * be forgotten.
 */
export const CARD_SHAPE = createHash('sha256').update(JSON.stringify(z.toJSONSchema(scoreCardSchema))).digest('hex').slice(0, 16);
