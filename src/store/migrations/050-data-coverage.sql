-- The latest data-coverage report of each portal, from its last whole-portal scoring run (after every full sync):
-- which inputs its customers have and which health components are missing, why, and what would fill them.
CREATE TABLE data_coverage (
  portal_id    bigint PRIMARY KEY,
  report       jsonb NOT NULL,
  computed_at  timestamptz NOT NULL
);
