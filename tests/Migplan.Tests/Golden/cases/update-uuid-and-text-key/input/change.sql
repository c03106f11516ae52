-- Sessions are keyed by uuid: expire those idle for a year.
UPDATE sessions SET expired = true WHERE last_seen_at < now() - interval '1 year';

-- Feature flags are keyed by their text name: rename the owning team.
UPDATE feature_flags SET owner_team = 'platform' WHERE owner_team = 'infra';
