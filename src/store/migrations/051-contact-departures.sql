-- Contacts who stopped being a customer's people: HubSpot removed their company association, or the contact was
-- archived. A stock portal has no "left company" property, so these are the champion-change signals the sync can
-- see; a contact linked to the company again is no longer departed. Merges and privacy deletions never count.
CREATE TABLE contact_departures (
  portal_id    bigint NOT NULL,
  company_id   text NOT NULL,
  contact_id   text NOT NULL,
  signal       text NOT NULL,
  departed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_id, company_id, contact_id)
);
