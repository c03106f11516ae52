-- The event log has no key. Normalise the legacy source names, then purge old debug events.
UPDATE event_log SET source = 'web' WHERE source = 'website';

DELETE FROM event_log WHERE level = 'debug' AND logged_at < now() - interval '90 days';
