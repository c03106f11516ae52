-- The event counter is about to overflow int4.
ALTER TABLE page_views ALTER COLUMN view_count TYPE bigint;

-- Longer titles for the CMS.
ALTER TABLE articles ALTER COLUMN title TYPE varchar(255);
