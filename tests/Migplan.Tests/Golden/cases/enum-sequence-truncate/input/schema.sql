CREATE TYPE ticket_status AS ENUM ('open', 'closed');

CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    subject text NOT NULL,
    status ticket_status NOT NULL DEFAULT 'open'
);

CREATE TABLE ticket_import_staging (
    raw jsonb NOT NULL
);
