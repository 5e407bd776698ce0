-- Companies waiting to be rescored. The queue keeps one pending score job per portal, so the job's own payload
-- cannot carry every request; the job drains this table when it runs instead. company_id '*' means all customers.
CREATE TABLE rescore_requests (
  portal_id     bigint NOT NULL,
  company_id    text NOT NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, company_id)
);
