-- A score job claims the portal's requests instead of deleting them up front, and deletes only what it claimed once
-- the cards and their write-back are stored: a job killed half way leaves its claim for the retry to take over.
ALTER TABLE rescore_requests ADD COLUMN claimed_by text, ADD COLUMN claimed_at timestamptz;
