-- 0002: catalog (plans, videos), orders and their lines, accesses, bonus rules, viewing records, refunds;
-- VAT rates in the settings; credits and refunded totals on payments.

ALTER TABLE merchant_settings ADD COLUMN tax_rates text NOT NULL DEFAULT '[]';

ALTER TABLE payments ADD COLUMN credits bigint;

ALTER TABLE payments ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0;

ALTER TABLE payments ADD COLUMN refunded_credits bigint NOT NULL DEFAULT 0;

CREATE TABLE accesses (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    kind character varying(16) NOT NULL,
    video_id character varying(40),
    plan_id character varying(40),
    order_id character varying(40),
    starts_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    reason character varying(500),
    granted_by character varying(100),
    version bigint NOT NULL,
    CONSTRAINT pk_accesses PRIMARY KEY (id)
);

CREATE TABLE bonus_rules (
    id character varying(40) NOT NULL,
    trigger character varying(40) NOT NULL,
    plan_id character varying(40),
    grant_credits bigint,
    created_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    grant_amount bigint,
    grant_currency character varying(3),
    version bigint NOT NULL,
    CONSTRAINT pk_bonus_rules PRIMARY KEY (id)
);

CREATE TABLE orders (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    status character varying(32) NOT NULL,
    currency character varying(3) NOT NULL,
    subtotal bigint NOT NULL,
    discount bigint NOT NULL,
    tax bigint NOT NULL,
    total bigint NOT NULL,
    tax_rate_basis_points integer NOT NULL,
    country character varying(2),
    credits_total bigint,
    payment_method character varying(16) NOT NULL,
    payment_id character varying(40),
    refunded_amount bigint NOT NULL,
    refunded_credits bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    paid_at timestamp with time zone,
    failed_at timestamp with time zone,
    version bigint NOT NULL,
    CONSTRAINT pk_orders PRIMARY KEY (id)
);

CREATE TABLE plans (
    id character varying(40) NOT NULL,
    name character varying(200) NOT NULL,
    prices text NOT NULL,
    interval character varying(16) NOT NULL,
    interval_count integer NOT NULL,
    trial_days integer NOT NULL,
    cardless_trial boolean NOT NULL,
    billing character varying(16) NOT NULL,
    billing_day integer NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    min_prepayment_amount bigint,
    min_prepayment_currency character varying(3),
    version bigint NOT NULL,
    CONSTRAINT pk_plans PRIMARY KEY (id)
);

CREATE TABLE refunds (
    id character varying(40) NOT NULL,
    payment_id character varying(40) NOT NULL,
    amount bigint NOT NULL,
    currency character varying(3) NOT NULL,
    credits bigint NOT NULL,
    status character varying(32) NOT NULL,
    provider_reference character varying(255),
    created_by character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_refunds PRIMARY KEY (id)
);

CREATE TABLE videos (
    id character varying(40) NOT NULL,
    title character varying(300) NOT NULL,
    rent_offer text,
    buy_offer text,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_videos PRIMARY KEY (id)
);

CREATE TABLE views (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    video_id character varying(40) NOT NULL,
    seconds integer NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_views PRIMARY KEY (id)
);

CREATE TABLE order_lines (
    order_id character varying(40) NOT NULL,
    position integer NOT NULL,
    kind character varying(16) NOT NULL,
    item_id character varying(40) NOT NULL,
    description character varying(300) NOT NULL,
    price bigint NOT NULL,
    credits bigint,
    discount bigint NOT NULL,
    tax bigint NOT NULL,
    access_hours integer,
    CONSTRAINT pk_order_lines PRIMARY KEY (order_id, position),
    CONSTRAINT fk_order_lines_orders_order_id FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);

CREATE INDEX ix_accesses_customer_id_kind ON accesses (customer_id, kind);

CREATE INDEX ix_accesses_customer_id_video_id ON accesses (customer_id, video_id);

CREATE INDEX ix_accesses_order_id ON accesses (order_id);

CREATE INDEX ix_orders_customer_id_id ON orders (customer_id, id);

CREATE INDEX ix_orders_status_id ON orders (status, id);

CREATE INDEX ix_refunds_payment_id ON refunds (payment_id);

CREATE INDEX ix_views_customer_id_video_id ON views (customer_id, video_id);

