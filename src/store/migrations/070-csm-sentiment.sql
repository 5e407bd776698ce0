-- The CSM's own read of a customer, set on the card: positive, neutral, concerned or at risk, with a note, who set it
-- and when. Every setting is kept (scoring as of a past day reads the one in force then); the latest one not yet
-- expired is shown. card_actions makes a replayed signed request take effect once.
CREATE TABLE csm_sentiments (
  id          bigserial PRIMARY KEY,
  portal_id   bigint NOT NULL,
  company_id  text NOT NULL,
  value       text NOT NULL CHECK (value IN ('positive', 'neutral', 'concerned', 'at_risk')),
  note        text,
  set_by      text NOT NULL,
  set_at      timestamptz NOT NULL
);
CREATE INDEX csm_sentiments_by_company ON csm_sentiments (portal_id, company_id, set_at DESC);
