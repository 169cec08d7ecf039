-- 0006: real gateways (issue 6, ADR 0020). The webhook inbox, reconciliation's schedule on
-- payments, and lookups by the provider's ids.

ALTER TABLE "payments" ADD COLUMN "next_sync_at" INTEGER NULL;

ALTER TABLE "payments" ADD COLUMN "sync_attempts" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "ix_payments_gateway_provider_reference" ON "payments" ("gateway", "provider_reference");

CREATE INDEX "ix_payments_next_sync_at" ON "payments" ("next_sync_at");

CREATE INDEX "ix_refunds_provider_reference" ON "refunds" ("provider_reference");

CREATE TABLE "gateway_webhook_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_gateway_webhook_events" PRIMARY KEY,
    "gateway" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider_reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "target_id" TEXT NULL,
    "received_at" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ix_gateway_webhook_events_gateway_event_id" ON "gateway_webhook_events" ("gateway", "event_id");
