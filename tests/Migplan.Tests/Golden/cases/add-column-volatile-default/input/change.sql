-- Every order gets a public, unguessable identifier.
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();

-- Audit: precise insertion time of new rows.
ALTER TABLE orders ADD COLUMN inserted_at timestamptz DEFAULT clock_timestamp();
