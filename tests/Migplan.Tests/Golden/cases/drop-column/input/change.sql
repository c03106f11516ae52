-- The legacy fax number is no longer used by any client.
ALTER TABLE contacts DROP COLUMN fax;
ALTER TABLE contacts DROP COLUMN legacy_ref;
