-- Which shape a synced record's properties were checked against before they were written (a fingerprint of the
-- properties schema: every value a string or null, as the HubSpot door parses them). Scoring reads tens of thousands
-- of records a run and trusts a record with the running release's fingerprint instead of parsing its properties
-- again; any other (a row from an older release, NULL here) is parsed in full as before.
ALTER TABLE crm_objects ADD COLUMN properties_shape text;
