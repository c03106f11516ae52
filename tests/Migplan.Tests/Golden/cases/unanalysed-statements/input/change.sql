CREATE VIEW active_users AS
    SELECT id, email FROM users WHERE deleted_at IS NULL;

COMMENT ON COLUMN users.deleted_at IS 'Soft delete: set instead of deleting the row';

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now(); -- keep the ; inside the body
    RETURN NEW;
END
$$;

ALTER TABLE users ADD COLUMN updated_at timestamptz;
