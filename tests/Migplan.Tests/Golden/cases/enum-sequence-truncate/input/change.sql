CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high');
ALTER TYPE ticket_status ADD VALUE 'on_hold' AFTER 'open';
CREATE SEQUENCE ticket_number_seq START 100000;
ALTER TABLE tickets ADD COLUMN priority ticket_priority;
TRUNCATE ticket_import_staging;
