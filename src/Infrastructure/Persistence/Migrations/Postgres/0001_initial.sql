-- 0001: the prepaid-wallet foundation (customers, settings, packages, wallets and ledger, payments, top-ups, outbox, idempotency).
-- Drafted from the EF model with Database.GenerateCreateScript(); never edit once applied: add 0002_… instead.

CREATE TABLE customers (
    id character varying(40) NOT NULL,
    email character varying(254) NOT NULL,
    name character varying(200) NOT NULL,
    language character varying(16) NOT NULL,
    country character varying(2),
    newsletter boolean NOT NULL,
    opt_in boolean NOT NULL,
    status character varying(16) NOT NULL,
    registered_at timestamp with time zone NOT NULL,
    last_visit_at timestamp with time zone,
    version bigint NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id)
);

CREATE TABLE idempotency_records (
    scope character varying(120) NOT NULL,
    key character varying(255) NOT NULL,
    request_hash character varying(64) NOT NULL,
    completed boolean NOT NULL,
    status_code integer,
    content_type character varying(100),
    location character varying(500),
    body bytea,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_idempotency_records PRIMARY KEY (scope, key)
);

CREATE TABLE merchant_settings (
    id character varying(40) NOT NULL,
    prepayment_enabled boolean NOT NULL,
    negative_balance_limits text NOT NULL,
    negative_credits_limit bigint NOT NULL,
    default_min_prepayment_percent integer NOT NULL,
    currencies character varying(1000) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_merchant_settings PRIMARY KEY (id)
);

CREATE TABLE outbox_messages (
    id character varying(40) NOT NULL,
    type character varying(200) NOT NULL,
    payload text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    processed_at timestamp with time zone,
    attempts integer NOT NULL,
    last_error character varying(2000),
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
);

CREATE TABLE payments (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    gateway character varying(32) NOT NULL,
    status character varying(32) NOT NULL,
    purpose character varying(32) NOT NULL,
    purpose_id character varying(40) NOT NULL,
    provider_reference character varying(255),
    next_action_type character varying(32),
    next_action_url character varying(2048),
    failure_code character varying(64),
    failure_message character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    amount_amount bigint NOT NULL,
    amount_currency character varying(3) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id)
);

CREATE TABLE prepayment_packages (
    id character varying(40) NOT NULL,
    name character varying(200) NOT NULL,
    grant_credits bigint,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    grant_amount bigint,
    grant_currency character varying(3),
    price_amount bigint NOT NULL,
    price_currency character varying(3) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_prepayment_packages PRIMARY KEY (id)
);

CREATE TABLE top_ups (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    wallet_id character varying(40) NOT NULL,
    package_id character varying(40),
    grant_credits bigint,
    payment_id character varying(40) NOT NULL,
    status character varying(32) NOT NULL,
    ledger_entry_id character varying(40),
    created_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    grant_amount bigint,
    grant_currency character varying(3),
    price_amount bigint NOT NULL,
    price_currency character varying(3) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_top_ups PRIMARY KEY (id)
);

CREATE TABLE wallets (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    credits bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_wallets PRIMARY KEY (id),
    CONSTRAINT fk_wallets_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);

CREATE TABLE ledger_entries (
    id character varying(40) NOT NULL,
    wallet_id character varying(40) NOT NULL,
    sequence bigint NOT NULL,
    kind character varying(32) NOT NULL,
    currency character varying(3),
    amount bigint NOT NULL,
    balance_after bigint NOT NULL,
    reference character varying(64),
    reason character varying(500),
    created_by character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ledger_entries PRIMARY KEY (id),
    CONSTRAINT fk_ledger_entries_wallets_wallet_id FOREIGN KEY (wallet_id) REFERENCES wallets (id) ON DELETE RESTRICT
);

CREATE TABLE wallet_pockets (
    wallet_id character varying(40) NOT NULL,
    currency character varying(3) NOT NULL,
    balance bigint NOT NULL,
    CONSTRAINT pk_wallet_pockets PRIMARY KEY (wallet_id, currency),
    CONSTRAINT fk_wallet_pockets_wallets_wallet_id FOREIGN KEY (wallet_id) REFERENCES wallets (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_customers_email ON customers (email);

CREATE INDEX ix_idempotency_records_expires_at ON idempotency_records (expires_at);

CREATE UNIQUE INDEX ix_ledger_entries_wallet_id_sequence ON ledger_entries (wallet_id, sequence);

CREATE INDEX ix_outbox_messages_processed_at_occurred_at ON outbox_messages (processed_at, occurred_at);

CREATE INDEX ix_payments_customer_id ON payments (customer_id);

CREATE INDEX ix_payments_status_updated_at ON payments (status, updated_at);

CREATE INDEX ix_top_ups_customer_id ON top_ups (customer_id);

CREATE INDEX ix_top_ups_payment_id ON top_ups (payment_id);

CREATE UNIQUE INDEX ix_wallets_customer_id ON wallets (customer_id);


-- The ledger is append-only: history is corrected by new entries (reversal), never rewritten.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only';
END
$$;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();

INSERT INTO merchant_settings (id, prepayment_enabled, negative_balance_limits, negative_credits_limit, default_min_prepayment_percent, currencies, updated_at, version)
VALUES ('settings', false, '[]', 0, 50, 'EUR,USD,GBP,SEK,NOK,DKK,CHF,JPY,BHD', now(), 0);
