COMMENT ON TABLE users IS 'People';
COMMENT ON COLUMN users.email IS NULL;
GRANT ALL ON users TO meta_app;
REVOKE UPDATE ON users FROM meta_app;
ALTER SEQUENCE users_id_seq AS bigint RESTART WITH 1000;
