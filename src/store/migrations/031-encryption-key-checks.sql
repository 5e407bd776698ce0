-- One known plaintext encrypted under each key that has encrypted tokens here: at start-up it must decrypt with the
-- configured keys, so a wrong ENCRYPTION_KEY stops the process instead of silently dropping every job.
CREATE TABLE encryption_key_checks (
  key_id       text PRIMARY KEY,
  check_value  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
