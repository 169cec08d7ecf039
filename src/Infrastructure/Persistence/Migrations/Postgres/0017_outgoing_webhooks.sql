-- 0017 (issue 17, ADR 0045): outgoing webhooks. Endpoints, their deliveries, and the outbox's webhook lane:
-- webhook-typed events are marked, and fanned out to deliveries in event order.
CREATE TABLE webhook_endpoints (
    id character varying(40) NOT NULL,
    url character varying(2000) NOT NULL,
    events character varying(2000) NOT NULL,
    description character varying(500),
    secret character varying(100) NOT NULL,
    previous_secret character varying(100),
    previous_secret_until timestamp with time zone,
    enabled boolean NOT NULL,
    failing_since timestamp with time zone,
    disabled_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id)
);

CREATE TABLE webhook_deliveries (
    id character varying(40) NOT NULL,
    endpoint_id character varying(40) NOT NULL,
    event_id character varying(48) NOT NULL,
    event_type character varying(60) NOT NULL,
    resource_key character varying(80) NOT NULL,
    payload text NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_attempt_at timestamp with time zone,
    response_status integer,
    last_error character varying(500),
    created_at timestamp with time zone NOT NULL,
    sequence bigint NOT NULL,
    claimed_until timestamp with time zone,
    manual_retry boolean NOT NULL,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_webhook_endpoints_endpoint_id FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_webhook_deliveries_endpoint_id_event_id ON webhook_deliveries (endpoint_id, event_id);
CREATE INDEX ix_webhook_deliveries_endpoint_id_id ON webhook_deliveries (endpoint_id, id);
CREATE INDEX ix_webhook_deliveries_pending_due ON webhook_deliveries (next_attempt_at) WHERE status = 'Pending';
CREATE INDEX ix_webhook_deliveries_pending_resource ON webhook_deliveries (endpoint_id, resource_key, sequence) WHERE status = 'Pending';
CREATE UNIQUE INDEX ix_webhook_deliveries_sequence ON webhook_deliveries (sequence);

-- Rows written before this release are no webhook events: false, and nothing to fan out. The default stays, so an
-- instance of the previous release still writing outbox rows during a rolling deploy is not refused (ADR 0007).
ALTER TABLE outbox_messages ADD COLUMN webhook boolean NOT NULL DEFAULT false;
ALTER TABLE outbox_messages ADD COLUMN fanned_out_at timestamp with time zone;
CREATE INDEX ix_outbox_messages_webhook_waiting ON outbox_messages (occurred_at, id) WHERE webhook AND fanned_out_at IS NULL;
