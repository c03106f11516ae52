CREATE TABLE members (
    id bigint PRIMARY KEY,
    mail text NOT NULL,
    joined_at date NOT NULL
);
