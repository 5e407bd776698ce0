-- ARR as it stood when each card was scored (the company property the config maps as ARR, as the snapshot read it),
-- so retention compares a customer's ARR at a period's start with its ARR now in SQL. HubSpot keeps only the current
-- value; cards stored before this column read as null, and the portfolio falls back to the current value for them.
ALTER TABLE score_snapshots ADD COLUMN arr double precision;
