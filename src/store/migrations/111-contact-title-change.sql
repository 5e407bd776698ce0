-- A contact's job title before its latest change, and when the sync saw it change: HubSpot keeps no earlier value a
-- plain read returns, and a champion or sponsor whose title changed may no longer hold the role. Written by the same
-- upsert that stores the contact (only for contacts, only between two non-empty titles); other objects leave it NULL.
ALTER TABLE crm_objects ADD COLUMN previous_jobtitle text, ADD COLUMN jobtitle_changed_at timestamptz;
