-- Split the display name out of the legacy "name" column.
ALTER TABLE users ADD COLUMN display_name text NOT NULL;

UPDATE users SET display_name = coalesce(nickname, name);
