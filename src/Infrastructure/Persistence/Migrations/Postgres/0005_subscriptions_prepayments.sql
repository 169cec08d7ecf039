-- 0005: subscriptions, their prepayments and the notifications sent about them (issue 5, ADR 0018).
-- Orders and accesses learn which prepayment and subscription they belong to.

CREATE TABLE subscriptions (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    plan_id character varying(40) NOT NULL,
    currency character varying(3) NOT NULL,
    price bigint NOT NULL,
    interval character varying(8) NOT NULL,
    interval_count integer NOT NULL,
    anchor_day integer NOT NULL,
    status character varying(32) NOT NULL,
    start_date date NOT NULL,
    trial_ends_on date,
    paid_through date,
    next_charge_at timestamp with time zone,
    renewal_method character varying(16) NOT NULL,
    gateway character varying(32),
    payment_method_token character varying(255),
    risk_outcome character varying(16),
    cancel_at_period_end boolean NOT NULL,
    canceled_at timestamp with time zone,
    cancel_reason character varying(64),
    failed_attempts integer NOT NULL,
    coupon_campaign_id character varying(40),
    coupon_code character varying(64),
    coupon_until date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_subscriptions PRIMARY KEY (id)
);

CREATE INDEX ix_subscriptions_customer_id_id ON subscriptions (customer_id, id);
CREATE UNIQUE INDEX ix_subscriptions_customer_id_plan_id ON subscriptions (customer_id, plan_id) WHERE status <> 'Canceled';
CREATE INDEX ix_subscriptions_next_charge_at ON subscriptions (next_charge_at);

CREATE TABLE prepayments (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    subscription_id character varying(40) NOT NULL,
    kind character varying(16) NOT NULL,
    amount bigint NOT NULL,
    currency character varying(3) NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    partial_to date,
    partial_amount bigint,
    cut_after date,
    status character varying(16) NOT NULL,
    order_id character varying(40),
    attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    paid_at timestamp with time zone,
    closed_at timestamp with time zone,
    version bigint NOT NULL,
    CONSTRAINT pk_prepayments PRIMARY KEY (id)
);

CREATE INDEX ix_prepayments_customer_id_status_created_at_id ON prepayments (customer_id, status, created_at, id);
CREATE INDEX ix_prepayments_expires_at ON prepayments (expires_at);
CREATE INDEX ix_prepayments_status_created_at_id ON prepayments (status, created_at, id);
CREATE UNIQUE INDEX ix_prepayments_subscription_id_period_start_kind ON prepayments (subscription_id, period_start, kind);

ALTER TABLE orders ADD COLUMN prepayment_id character varying(40);
CREATE INDEX ix_orders_prepayment_id ON orders (prepayment_id);

ALTER TABLE accesses ADD COLUMN subscription_id character varying(40);
CREATE INDEX ix_accesses_subscription_id ON accesses (subscription_id);

CREATE TABLE notifications (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    kind character varying(32) NOT NULL,
    channel character varying(16) NOT NULL,
    "to" character varying(320) NOT NULL,
    language character varying(8) NOT NULL,
    subject character varying(300) NOT NULL,
    body character varying(8000) NOT NULL,
    related_id character varying(40) NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_notifications PRIMARY KEY (id)
);

CREATE INDEX ix_notifications_customer_id_id ON notifications (customer_id, id);
CREATE UNIQUE INDEX ix_notifications_related_id_kind ON notifications (related_id, kind);

ALTER TABLE coupon_redemptions ADD COLUMN subscription_id character varying(40);
