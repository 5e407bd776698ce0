-- History from day one (issue 15): cards scored as of past weekly points from the synced history. They feed the
-- trend, the vector's baseline and "why it changed", never a read that means "the latest real card" (the card's
-- headline, the worklist, write-back, the portfolio): those filter on NOT backfilled.
ALTER TABLE score_snapshots ADD COLUMN backfilled boolean NOT NULL DEFAULT false;
-- One backfilled card per company and point: a resumed or doubly enqueued backfill cannot store a second.
CREATE UNIQUE INDEX score_snapshots_backfill_point ON score_snapshots (portal_id, company_id, scored_at) WHERE backfilled;

-- One backfill per portal: the anchor its points count back from (so a resumed run scores the same points), and
-- the last company whose cards are stored (companies go in id order, a chunk's cards and this row in one transaction).
CREATE TABLE backfill_runs (
  portal_id        bigint PRIMARY KEY,
  anchor_at        timestamptz NOT NULL,
  points           integer NOT NULL CHECK (points BETWEEN 1 AND 52),
  interval_days    integer NOT NULL CHECK (interval_days BETWEEN 1 AND 31),
  status           text NOT NULL CHECK (status IN ('running', 'done')),
  companies_total  integer NOT NULL DEFAULT 0,
  companies_done   integer NOT NULL DEFAULT 0,
  cards_stored     integer NOT NULL DEFAULT 0,
  last_company_id  text,
  started_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
