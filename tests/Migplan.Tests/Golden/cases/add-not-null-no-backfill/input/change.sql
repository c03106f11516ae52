-- Every invoice must carry its currency from now on.
ALTER TABLE invoices ADD COLUMN currency char(3) NOT NULL;
