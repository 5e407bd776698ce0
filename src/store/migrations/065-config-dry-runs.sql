-- Whole-portal dry runs that outlast their request. The process that started one runs it and writes its progress,
-- heartbeat and result here, so a poll that a load balancer sends to any other web process reads the same run;
-- a run whose heartbeat stopped (its process died) is reported failed, never "running" forever.
CREATE TABLE config_dry_runs (
  id            text PRIMARY KEY,
  portal_id     bigint NOT NULL,
  requested_by  text NOT NULL,
  state         text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  progress      jsonb,
  report        jsonb,
  error         jsonb,
  started_at    timestamptz NOT NULL,
  heartbeat_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX config_dry_runs_expiry ON config_dry_runs (expires_at);
