CREATE TABLE public.events (
    id bigint NOT NULL,
    created_at date NOT NULL,
    kind text NOT NULL,
    payload jsonb
)
PARTITION BY RANGE (created_at);

CREATE TABLE public.events_2025 (
    id bigint NOT NULL,
    created_at date NOT NULL,
    kind text NOT NULL,
    payload jsonb
);

CREATE TABLE public.events_2026 (
    id bigint NOT NULL,
    created_at date NOT NULL,
    kind text NOT NULL,
    payload jsonb
);

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
