-- What a worklist or renewals row shows from a card (priority, health status, next play), as columns computed from
-- the card itself, like migration 083's segment and churn: the lists read each current customer's latest card, and
-- taking every one of those cards' jsonb out of storage for three small values cost most of the page at 100,000
-- companies (measured: worklists 12 s of a 38 s page on PostgreSQL). A value of the wrong type reads as null, so a
-- poisoned card is still stored (and passed over by the lists) rather than refused.
ALTER TABLE score_snapshots
  ADD COLUMN priority double precision
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(card->'priority') = 'number' THEN (card->>'priority')::double precision END) STORED,
  ADD COLUMN health_status text
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(card->'health'->'status') = 'string' THEN card->'health'->>'status' END) STORED,
  ADD COLUMN next_play text
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(card->'nextPlay'->'play') = 'string' THEN card->'nextPlay'->>'play' END) STORED;
