-- A card's segment and whether it carries a churn, as columns computed from the card itself: the portfolio reads a
-- portal's whole card history (retention at each period start, the weekly trend) and would otherwise take every
-- card's jsonb out of storage for three small values. Generated, so every way a card is stored fills them.
ALTER TABLE score_snapshots
  ADD COLUMN segment text GENERATED ALWAYS AS (card->>'segment') STORED,
  ADD COLUMN churned boolean GENERATED ALWAYS AS (jsonb_typeof(card->'churn') = 'object') STORED;
