-- 0003: coupon campaigns, their codes (single shared or bulk unique) and redemptions; the coupon on an order.
-- One redemption per campaign and customer is a unique index: the database enforces it under races.

ALTER TABLE orders ADD COLUMN coupon_code character varying(64);

CREATE TABLE coupon_campaigns (
    id character varying(40) NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(16) NOT NULL,
    percent_off_basis_points integer,
    amount_off text NOT NULL,
    free_trial_days integer,
    duration character varying(16) NOT NULL,
    duration_in_months integer,
    applies_to character varying(16) NOT NULL,
    plan_ids text NOT NULL,
    max_redemptions integer,
    redeem_by timestamp with time zone,
    code character varying(64),
    bulk boolean NOT NULL,
    redemptions integer NOT NULL,
    expired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_coupon_campaigns PRIMARY KEY (id)
);

CREATE TABLE coupon_codes (
    key character varying(64) NOT NULL,
    code character varying(80) NOT NULL,
    campaign_id character varying(40) NOT NULL,
    bulk boolean NOT NULL,
    redeemed_by character varying(40),
    redeemed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_coupon_codes PRIMARY KEY (key),
    CONSTRAINT fk_coupon_codes_coupon_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES coupon_campaigns (id) ON DELETE RESTRICT
);

CREATE TABLE coupon_redemptions (
    id character varying(40) NOT NULL,
    campaign_id character varying(40) NOT NULL,
    campaign_name character varying(200) NOT NULL,
    code character varying(64) NOT NULL,
    customer_id character varying(40) NOT NULL,
    status character varying(16) NOT NULL,
    order_id character varying(40),
    discount_amount bigint,
    currency character varying(3),
    redeemed_at timestamp with time zone NOT NULL,
    applied_at timestamp with time zone,
    version bigint NOT NULL,
    CONSTRAINT pk_coupon_redemptions PRIMARY KEY (id),
    CONSTRAINT fk_coupon_redemptions_coupon_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES coupon_campaigns (id) ON DELETE RESTRICT
);

CREATE INDEX ix_coupon_campaigns_expired_at_id ON coupon_campaigns (expired_at, id);

CREATE INDEX ix_coupon_codes_campaign_id_key ON coupon_codes (campaign_id, key);

CREATE UNIQUE INDEX ix_coupon_redemptions_campaign_id_customer_id ON coupon_redemptions (campaign_id, customer_id);

CREATE INDEX ix_coupon_redemptions_campaign_id_status_currency ON coupon_redemptions (campaign_id, status, currency);

CREATE INDEX ix_coupon_redemptions_customer_id_id ON coupon_redemptions (customer_id, id);
