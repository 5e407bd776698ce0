-- Each portal's star-pupil profile (issue 15): from good-fit customers who renewed or expanded (or, lacking those
-- labels, retained a year and healthy), per segment, the median days to each milestone, usage depth and breadth,
-- engagement cadence and the features used. Recomputed by every whole-portal scoring run; the card compares its
-- customer with it, the portfolio page lists it, the settings page proposes milestone expected days from it.
CREATE TABLE star_pupil_profiles (
  portal_id    bigint PRIMARY KEY,
  profile      jsonb NOT NULL,
  computed_at  timestamptz NOT NULL
);
