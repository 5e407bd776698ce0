// A plain decimal only: HubSpot number properties arrive as text, and one typo in the portal must not fail a table.
export const numericPattern = '^-?[0-9]+(\\.[0-9]+)?$';

/**
 * Every card of the portal scored by `asOf` with the instant the company's next card replaced it (null for its
 * latest): the card in force at an instant t is the one with scored_at <= t < until. One pass over the portal's
 * cards answers the book at any number of instants (period starts, week ends), where a latest-card-as-of query per
 * instant would read them all again each time. Ties on scored_at resolve to the higher id, as the cards' reader does.
 * `cohortsParam` lists the cohorts the engine knows: a card with any other (a poisoned row) is passed over. The
 * cohort, segment and churn are the card's own, in columns (migrations 001, 083), so the cards' jsonb is never read.
 */
export const cardSpans = (asOfParam: string, cohortsParam: string): string => `
  SELECT company_id, scored_at, lead(scored_at) OVER (PARTITION BY company_id ORDER BY scored_at, id) AS until, cohort, segment, churned, arr
  FROM score_snapshots WHERE portal_id = $1 AND scored_at <= ${asOfParam} AND cohort = ANY(${cohortsParam}::text[]) AND segment IS NOT NULL`;

/** The span in force at `at` (a column or parameter). */
export const inForceAt = (span: string, at: string): string => `${span}.scored_at <= ${at} AND (${span}.until IS NULL OR ${span}.until > ${at})`;
