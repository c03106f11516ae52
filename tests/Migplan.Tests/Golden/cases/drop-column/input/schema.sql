CREATE TABLE contacts (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    phone text,
    fax text,
    legacy_ref text UNIQUE
);

CREATE INDEX contacts_fax_idx ON contacts (fax);
