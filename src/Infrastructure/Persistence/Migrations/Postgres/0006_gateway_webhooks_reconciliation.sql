-- 0006: real gateways (issue 6, ADR 0020). The webhook inbox, reconciliation's schedule on
-- payments, and lookups by the provider's ids.

ALTER TABLE payments ADD COLUMN next_sync_at timestamp with time zone;

ALTER TABLE payments ADD COLUMN sync_attempts integer NOT NULL DEFAULT 0;

CREATE INDEX ix_payments_gateway_provider_reference ON payments (gateway, provider_reference);

CREATE INDEX ix_payments_next_sync_at ON payments (next_sync_at);

CREATE INDEX ix_refunds_provider_reference ON refunds (provider_reference);

CREATE TABLE gateway_webhook_events (
    id character varying(40) NOT NULL,
    gateway character varying(32) NOT NULL,
    event_id character varying(255) NOT NULL,
    type character varying(100) NOT NULL,
    provider_reference character varying(255) NOT NULL,
    status character varying(32) NOT NULL,
    result character varying(32) NOT NULL,
    target_id character varying(40),
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_gateway_webhook_events PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_gateway_webhook_events_gateway_event_id ON gateway_webhook_events (gateway, event_id);
