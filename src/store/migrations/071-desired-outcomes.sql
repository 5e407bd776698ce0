-- Each customer's desired outcome, set on the card: what they want to achieve, the metric they judge it by, where
-- it started (baseline) and where it should be (target) by a date, and where its current value comes from (a
-- company property the config lists, or a usage metric). One per company: setting it again replaces it.
CREATE TABLE desired_outcomes (
  portal_id    bigint NOT NULL,
  company_id   text NOT NULL,
  outcome      text NOT NULL,
  metric       text NOT NULL,
  source_kind  text NOT NULL CHECK (source_kind IN ('property', 'usage')),
  source_name  text NOT NULL,
  baseline     double precision NOT NULL,
  target       double precision NOT NULL,
  target_date  date NOT NULL,
  set_by       text NOT NULL,
  set_at       timestamptz NOT NULL,
  PRIMARY KEY (portal_id, company_id)
);
