-- 0017 (issue 17, ADR 0045): outgoing webhooks. Endpoints, their deliveries, and the outbox's webhook lane.
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "description" TEXT NULL,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT NULL,
    "previous_secret_until" INTEGER NULL,
    "enabled" INTEGER NOT NULL,
    "failing_since" INTEGER NULL,
    "disabled_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY,
    "endpoint_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "resource_key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "last_attempt_at" INTEGER NULL,
    "response_status" INTEGER NULL,
    "last_error" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "claimed_until" INTEGER NULL,
    "manual_retry" INTEGER NOT NULL,
    CONSTRAINT "fk_webhook_deliveries_webhook_endpoints_endpoint_id" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_webhook_deliveries_endpoint_id_event_id" ON "webhook_deliveries" ("endpoint_id", "event_id");
CREATE INDEX "ix_webhook_deliveries_endpoint_id_id" ON "webhook_deliveries" ("endpoint_id", "id");
CREATE INDEX "ix_webhook_deliveries_pending_due" ON "webhook_deliveries" ("next_attempt_at") WHERE status = 'Pending';
CREATE INDEX "ix_webhook_deliveries_pending_resource" ON "webhook_deliveries" ("endpoint_id", "resource_key", "sequence") WHERE status = 'Pending';
CREATE UNIQUE INDEX "ix_webhook_deliveries_sequence" ON "webhook_deliveries" ("sequence");

ALTER TABLE "outbox_messages" ADD COLUMN "webhook" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "outbox_messages" ADD COLUMN "fanned_out_at" INTEGER NULL;
CREATE INDEX "ix_outbox_messages_webhook_waiting" ON "outbox_messages" ("occurred_at", "id") WHERE webhook AND fanned_out_at IS NULL;
