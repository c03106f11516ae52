CREATE TABLE users (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    nickname text,
    created_at timestamptz NOT NULL DEFAULT now()
);
