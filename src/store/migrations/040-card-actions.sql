-- Card actions that create something in HubSpot. HubSpot's request signature stays valid for 5 minutes, so a signed
-- request can arrive twice, and a CSM can click twice: each key below is claimed before the HubSpot call and holds
-- the result after it, so the action takes effect once. Keys: the card's idempotency key, the request signature,
-- and the company + action within a short window.
CREATE TABLE card_actions (
  portal_id   bigint NOT NULL,
  dedupe_key  text NOT NULL,
  company_id  text NOT NULL,
  action      text NOT NULL,
  claimed_at  timestamptz NOT NULL,
  result      jsonb,
  PRIMARY KEY (portal_id, dedupe_key)
);
CREATE INDEX card_actions_by_company ON card_actions (portal_id, company_id, action, claimed_at DESC);
