-- 0010 (issue 15, ADR 0038): saved payment methods charged off-session, the provider-side
-- customer each is attached to, and which saved method a payment or a subscription charges.
CREATE TABLE saved_payment_methods (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    gateway character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    status character varying(16) NOT NULL,
    provider_customer_id character varying(255),
    provider_method_id character varying(255),
    setup_reference character varying(255),
    display_brand character varying(32),
    display_last4 character varying(4),
    display_exp_month integer,
    display_exp_year integer,
    display_email character varying(254),
    is_default boolean NOT NULL,
    next_action_type character varying(32),
    next_action_url character varying(2048),
    failure_code character varying(64),
    failure_message character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    version bigint NOT NULL,
    CONSTRAINT pk_saved_payment_methods PRIMARY KEY (id)
);

CREATE INDEX ix_saved_payment_methods_customer_id_created_at ON saved_payment_methods (customer_id, created_at);
CREATE INDEX ix_saved_payment_methods_gateway_setup_reference ON saved_payment_methods (gateway, setup_reference);

CREATE TABLE gateway_customers (
    customer_id character varying(40) NOT NULL,
    gateway character varying(32) NOT NULL,
    provider_customer_id character varying(255) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_gateway_customers PRIMARY KEY (customer_id, gateway)
);

ALTER TABLE payments ADD COLUMN saved_method_id character varying(40);
ALTER TABLE payments ADD COLUMN off_session boolean NOT NULL DEFAULT false;
ALTER TABLE payments ADD COLUMN save_method boolean NOT NULL DEFAULT false;

ALTER TABLE subscriptions ADD COLUMN saved_method_id character varying(40);
