-- Track when a customer last logged in; filled by the application from now on.
ALTER TABLE customers ADD COLUMN last_login_at timestamptz;
ALTER TABLE customers ADD COLUMN referral_code text;
