-- Loyalty points start at zero for everyone.
ALTER TABLE accounts ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0;

-- Remember when the row was last synced to the CRM.
ALTER TABLE accounts ADD COLUMN synced_at timestamptz DEFAULT now();
