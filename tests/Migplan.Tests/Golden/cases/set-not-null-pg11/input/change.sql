-- Every shipment has had a carrier since the 2023 release; enforce it.
ALTER TABLE shipments ALTER COLUMN carrier SET NOT NULL;
