-- One active subscription per account and product; covering index for the billing job.
CREATE UNIQUE INDEX subscriptions_active_uq
    ON subscriptions (account_id, product_id)
    INCLUDE (renews_at)
    WHERE cancelled_at IS NULL;
