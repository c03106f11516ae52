CREATE TABLE event_log (
    logged_at timestamptz NOT NULL,
    level text NOT NULL,
    source text NOT NULL,
    message text
);
