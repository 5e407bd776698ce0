-- The portal's HubSpot owners (the users records are assigned to), as the owners API last listed them at a full
-- sync, so the portfolio's worklists name each CSM in the same query that lists their customers.
CREATE TABLE hubspot_owners (
  portal_id  bigint NOT NULL,
  owner_id   text NOT NULL,
  name       text,
  email      text,
  synced_at  timestamptz NOT NULL,
  PRIMARY KEY (portal_id, owner_id)
);
