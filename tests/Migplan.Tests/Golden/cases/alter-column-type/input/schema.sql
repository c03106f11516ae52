CREATE TABLE page_views (
    page_id bigint PRIMARY KEY,
    view_count integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL
);

CREATE TABLE articles (
    id bigint PRIMARY KEY,
    title varchar(100) NOT NULL,
    body text NOT NULL
);
