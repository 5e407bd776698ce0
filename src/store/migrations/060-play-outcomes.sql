-- What a CSM recorded about a play from the card: done or skipped, and for an advocacy ask what came of it. The
-- advocacy ladder climbs on these (asks actually made), and the portfolio page reads play effectiveness from them.
CREATE TABLE play_outcomes (
  id           bigserial PRIMARY KEY,
  portal_id    bigint NOT NULL,
  company_id   text NOT NULL,
  play         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('done', 'skipped')),
  outcome      text CHECK (outcome IS NULL OR outcome IN ('declined', 'review', 'case_study', 'reference', 'speaking')),
  note         text,
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX play_outcomes_by_company ON play_outcomes (portal_id, company_id, recorded_at);
