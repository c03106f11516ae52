-- Backfill email column from separate table
UPDATE users u
SET email = ue.email
FROM user_emails ue
WHERE u.id = ue.user_id;

-- Drop old table once the application no longer uses it
DROP TABLE user_emails;
