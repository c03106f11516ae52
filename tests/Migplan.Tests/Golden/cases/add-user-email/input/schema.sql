-- Current production schema (excerpt of pg_dump --schema-only).
CREATE TABLE users (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_emails (
    user_id bigint PRIMARY KEY REFERENCES users(id),
    email varchar(255) NOT NULL
);
