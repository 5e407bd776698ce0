-- The CS leader's cohort goals: a target per cohort x segment over 3, 6 or 12 months, with the measure's value when
-- the goal was set (its baseline), so progress is read against where the cell started, not where it is now.
CREATE TABLE portfolio_goals (
  id              bigserial PRIMARY KEY,
  portal_id       bigint NOT NULL,
  cohort          text NOT NULL,
  segment         text NOT NULL,
  horizon_months  integer NOT NULL CHECK (horizon_months IN (3, 6, 12)),
  target          jsonb NOT NULL,
  baseline        double precision,
  created_at      timestamptz NOT NULL,
  created_by      text,
  -- One goal per cell and horizon: a replayed POST must not set it twice.
  UNIQUE (portal_id, cohort, segment, horizon_months)
);
