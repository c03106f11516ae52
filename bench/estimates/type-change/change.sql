ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
