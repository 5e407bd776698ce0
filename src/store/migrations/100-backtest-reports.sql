-- The latest backtest of each portal per horizon (90 or 180 days), with its calibration proposal: computed by the
-- backtest-portal job, read by the portfolio page and the settings page. Recomputed, never edited.
CREATE TABLE backtest_reports (
  portal_id       bigint NOT NULL,
  horizon_days    integer NOT NULL,
  computed_at     timestamptz NOT NULL,
  config_version  integer,
  report          jsonb NOT NULL,
  PRIMARY KEY (portal_id, horizon_days)
);
