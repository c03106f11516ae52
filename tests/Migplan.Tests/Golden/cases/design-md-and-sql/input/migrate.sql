-- Existing reviews are approved.
UPDATE reviews SET moderation_state = 'approved' WHERE moderation_state IS NULL;

ALTER TABLE reviews ALTER COLUMN moderation_state SET DEFAULT 'pending';
ALTER TABLE reviews ALTER COLUMN moderation_state SET NOT NULL;
