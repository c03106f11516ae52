ALTER TABLE members RENAME COLUMN mail TO email;
ALTER TABLE members RENAME TO subscribers;
