-- 0011 (issue 15, ADR 0039): auto top-up, one per currency pocket, and the top-ups it charged.
CREATE TABLE auto_top_ups (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    currency character varying(3) NOT NULL,
    threshold_amount bigint NOT NULL,
    package_id character varying(40),
    amount bigint,
    saved_method_id character varying(40) NOT NULL,
    max_per_month integer NOT NULL,
    enabled boolean NOT NULL,
    failures integer NOT NULL,
    last_top_up_at timestamp with time zone,
    in_flight_top_up_id character varying(40),
    month character varying(7) NOT NULL,
    started_in_month integer NOT NULL,
    next_attempt_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_auto_top_ups PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_auto_top_ups_customer_id_currency ON auto_top_ups (customer_id, currency);
CREATE INDEX ix_auto_top_ups_enabled_updated_at ON auto_top_ups (enabled, updated_at);

ALTER TABLE top_ups ADD COLUMN auto_top_up_id character varying(40);
