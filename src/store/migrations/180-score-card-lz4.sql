-- Score cards (about 4.7 kB of jsonb each, so PostgreSQL compresses every one on its way to storage) are compressed
-- with lz4 instead of the default pglz where the server is built with it: storing a scoring run's 500-card statement
-- measured 210 ms with pglz and 76 ms with lz4 on PostgreSQL 15, most of the store's side of a run. Only cards
-- stored from now on are compressed this way; older ones read as before. The embedded store is built without lz4
-- and keeps pglz.
DO $$
BEGIN
  ALTER TABLE score_snapshots ALTER COLUMN card SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
