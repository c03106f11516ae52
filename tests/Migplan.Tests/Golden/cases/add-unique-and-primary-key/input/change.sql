-- Coupon codes must be unique.
ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE (code);

-- The imported ledger table never got a primary key.
ALTER TABLE ledger_entries ADD PRIMARY KEY (entry_id);
