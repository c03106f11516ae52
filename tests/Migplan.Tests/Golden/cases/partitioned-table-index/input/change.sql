-- Look events up by kind, and give the table a primary key (it must include the partition key).
CREATE INDEX events_kind_idx ON events (kind);
ALTER TABLE events ADD PRIMARY KEY (id, created_at);
