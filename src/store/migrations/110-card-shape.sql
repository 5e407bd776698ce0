-- Which shape of the score card a row was checked against when it was stored (a fingerprint of the card schema).
-- The card's first view trusts a row whose shape is the running release's and parses every other one in full, so
-- cards from older releases still gain their defaults or are passed over. Existing rows stay NULL: parsed as before.
ALTER TABLE score_snapshots ADD COLUMN card_shape text;
