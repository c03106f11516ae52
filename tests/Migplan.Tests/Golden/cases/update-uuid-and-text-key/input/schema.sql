CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id bigint NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expired boolean NOT NULL DEFAULT false
);

CREATE TABLE feature_flags (
    name text PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false,
    owner_team text NOT NULL
);
