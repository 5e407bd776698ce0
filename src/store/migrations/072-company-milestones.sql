-- Milestones a CSM defines for one customer on the card, on top of the portal's plan: customer milestones, marked
-- done by hand, each due on a date the CSM agreed with the customer (not days after the contract start: a
-- two-year-old customer's new goal is due from now, not from its onboarding).
CREATE TABLE company_milestones (
  portal_id      bigint NOT NULL,
  company_id     text NOT NULL,
  milestone_key  text NOT NULL,
  label          text NOT NULL,
  due_date       date NOT NULL,
  set_by         text NOT NULL,
  set_at         timestamptz NOT NULL,
  PRIMARY KEY (portal_id, company_id, milestone_key)
);
