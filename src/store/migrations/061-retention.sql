-- Retention deletes webhook events by age across all portals; without this every batch scans the whole table.
CREATE INDEX webhook_events_received ON webhook_events (received_at);
