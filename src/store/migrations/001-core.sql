-- Every row carries its portal id and every query filters by it: nothing is shared across portals but the code.

CREATE TABLE installations (
  portal_id          bigint PRIMARY KEY,
  status             text NOT NULL CHECK (status IN ('active', 'inactive', 'uninstalled')),
  status_reason      text,
  scopes             text[] NOT NULL DEFAULT '{}',
  hub_domain         text,
  -- Ciphertexts carry the id of the key that wrote them, so keys can rotate.
  access_token_enc   text,
  refresh_token_enc  text,
  access_expires_at  timestamptz,
  installed_at       timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  uninstalled_at     timestamptz
);

CREATE TABLE oauth_states (
  state_id    text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

CREATE TABLE api_keys (
  id           bigserial PRIMARY KEY,
  portal_id    bigint NOT NULL,
  name         text NOT NULL,
  key_prefix   text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  scopes       text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_portal ON api_keys (portal_id);

CREATE TABLE sync_checkpoints (
  portal_id   bigint NOT NULL,
  stream      text NOT NULL,
  cursor      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, stream)
);

CREATE TABLE sync_runs (
  id           bigserial PRIMARY KEY,
  portal_id    bigint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('full', 'incremental', 'webhook')),
  status       text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  progress     jsonb NOT NULL DEFAULT '{}',
  strategy     jsonb NOT NULL DEFAULT '{}',
  error        text
);
CREATE INDEX sync_runs_portal_started ON sync_runs (portal_id, started_at DESC);

-- Synced HubSpot records, kept in HubSpot's own shape (properties as strings) so the snapshot builder owns the mapping.
CREATE TABLE crm_objects (
  portal_id      bigint NOT NULL,
  object_type    text NOT NULL,
  object_id      text NOT NULL,
  properties     jsonb NOT NULL,
  archived       boolean NOT NULL DEFAULT false,
  hs_updated_at  timestamptz,
  synced_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, object_type, object_id)
);

CREATE TABLE crm_associations (
  portal_id    bigint NOT NULL,
  from_type    text NOT NULL,
  from_id      text NOT NULL,
  to_type      text NOT NULL,
  to_id        text NOT NULL,
  PRIMARY KEY (portal_id, from_type, from_id, to_type, to_id)
);
CREATE INDEX crm_associations_to ON crm_associations (portal_id, to_type, to_id, from_type);

CREATE TABLE usage_metrics (
  portal_id   bigint NOT NULL,
  company_id  text NOT NULL,
  day         date NOT NULL,
  metric      text NOT NULL,
  value       double precision NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, company_id, day, metric)
);

CREATE TABLE scoring_configs (
  portal_id   bigint NOT NULL,
  version     integer NOT NULL,
  config      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  PRIMARY KEY (portal_id, version)
);

CREATE TABLE score_snapshots (
  id              bigserial PRIMARY KEY,
  portal_id       bigint NOT NULL,
  company_id      text NOT NULL,
  scored_at       timestamptz NOT NULL,
  config_version  integer,
  health_score    double precision,
  cohort          text,
  card            jsonb NOT NULL
);
CREATE INDEX score_snapshots_company ON score_snapshots (portal_id, company_id, scored_at DESC);

CREATE TABLE milestone_overrides (
  portal_id      bigint NOT NULL,
  company_id     text NOT NULL,
  milestone_key  text NOT NULL,
  done_at        timestamptz NOT NULL,
  marked_by      text,
  PRIMARY KEY (portal_id, company_id, milestone_key)
);

-- What Waypoint last wrote to each company, so write-back sends only changed values.
CREATE TABLE written_properties (
  portal_id   bigint NOT NULL,
  company_id  text NOT NULL,
  properties  jsonb NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, company_id)
);

CREATE TABLE webhook_events (
  event_id      text NOT NULL,
  portal_id     bigint NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  payload       jsonb NOT NULL,
  processed_at  timestamptz,
  PRIMARY KEY (portal_id, event_id)
);
CREATE INDEX webhook_events_unprocessed ON webhook_events (portal_id, received_at) WHERE processed_at IS NULL;
