-- Companies whose latest scoring attempt failed, with the reason: the rest of the portal's job carries on without
-- them, and an admin sees which companies and why in sync-status. A later successful score removes the row.
CREATE TABLE score_failures (
  portal_id   bigint NOT NULL,
  company_id  text NOT NULL,
  reason      text NOT NULL,
  failed_at   timestamptz NOT NULL,
  PRIMARY KEY (portal_id, company_id)
);
