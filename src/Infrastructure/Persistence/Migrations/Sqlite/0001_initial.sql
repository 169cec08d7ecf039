-- 0001: the prepaid-wallet foundation (customers, settings, packages, wallets and ledger, payments, top-ups, outbox, idempotency).
-- Drafted from the EF model with Database.GenerateCreateScript(); never edit once applied: add 0002_… instead.
-- Instants are INTEGER UTC ticks (see UtcTicksConverter).

CREATE TABLE "customers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_customers" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "country" TEXT NULL,
    "newsletter" INTEGER NOT NULL,
    "opt_in" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "registered_at" INTEGER NOT NULL,
    "last_visit_at" INTEGER NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "idempotency_records" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "completed" INTEGER NOT NULL,
    "status_code" INTEGER NULL,
    "content_type" TEXT NULL,
    "location" TEXT NULL,
    "body" BLOB NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    CONSTRAINT "pk_idempotency_records" PRIMARY KEY ("scope", "key")
);

CREATE TABLE "merchant_settings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_merchant_settings" PRIMARY KEY,
    "prepayment_enabled" INTEGER NOT NULL,
    "negative_balance_limits" TEXT NOT NULL,
    "negative_credits_limit" INTEGER NOT NULL,
    "default_min_prepayment_percent" INTEGER NOT NULL,
    "currencies" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "outbox_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "occurred_at" INTEGER NOT NULL,
    "processed_at" INTEGER NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL
);

CREATE TABLE "payments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payments" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "purpose_id" TEXT NOT NULL,
    "provider_reference" TEXT NULL,
    "next_action_type" TEXT NULL,
    "next_action_url" TEXT NULL,
    "failure_code" TEXT NULL,
    "failure_message" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "completed_at" INTEGER NULL,
    "amount_amount" INTEGER NOT NULL,
    "amount_currency" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "prepayment_packages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_prepayment_packages" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "grant_credits" INTEGER NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "deleted_at" INTEGER NULL,
    "grant_amount" INTEGER NULL,
    "grant_currency" TEXT NULL,
    "price_amount" INTEGER NOT NULL,
    "price_currency" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "top_ups" (
    "id" TEXT NOT NULL CONSTRAINT "pk_top_ups" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "wallet_id" TEXT NOT NULL,
    "package_id" TEXT NULL,
    "grant_credits" INTEGER NULL,
    "payment_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ledger_entry_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "completed_at" INTEGER NULL,
    "grant_amount" INTEGER NULL,
    "grant_currency" TEXT NULL,
    "price_amount" INTEGER NOT NULL,
    "price_currency" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "wallets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_wallets" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "credits" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_wallets_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT
);

CREATE TABLE "ledger_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ledger_entries" PRIMARY KEY,
    "wallet_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "currency" TEXT NULL,
    "amount" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "reference" TEXT NULL,
    "reason" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_ledger_entries_wallets_wallet_id" FOREIGN KEY ("wallet_id") REFERENCES "wallets" ("id") ON DELETE RESTRICT
);

CREATE TABLE "wallet_pockets" (
    "wallet_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "balance" INTEGER NOT NULL,
    CONSTRAINT "pk_wallet_pockets" PRIMARY KEY ("wallet_id", "currency"),
    CONSTRAINT "fk_wallet_pockets_wallets_wallet_id" FOREIGN KEY ("wallet_id") REFERENCES "wallets" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_customers_email" ON "customers" ("email");

CREATE INDEX "ix_idempotency_records_expires_at" ON "idempotency_records" ("expires_at");

CREATE UNIQUE INDEX "ix_ledger_entries_wallet_id_sequence" ON "ledger_entries" ("wallet_id", "sequence");

CREATE INDEX "ix_outbox_messages_processed_at_occurred_at" ON "outbox_messages" ("processed_at", "occurred_at");

CREATE INDEX "ix_payments_customer_id" ON "payments" ("customer_id");

CREATE INDEX "ix_payments_status_updated_at" ON "payments" ("status", "updated_at");

CREATE INDEX "ix_top_ups_customer_id" ON "top_ups" ("customer_id");

CREATE INDEX "ix_top_ups_payment_id" ON "top_ups" ("payment_id");

CREATE UNIQUE INDEX "ix_wallets_customer_id" ON "wallets" ("customer_id");


-- The ledger is append-only: history is corrected by new entries (reversal), never rewritten.
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE ON "ledger_entries"
BEGIN
    SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

CREATE TRIGGER "ledger_entries_no_delete" BEFORE DELETE ON "ledger_entries"
BEGIN
    SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

INSERT INTO "merchant_settings" ("id", "prepayment_enabled", "negative_balance_limits", "negative_credits_limit", "default_min_prepayment_percent", "currencies", "updated_at", "version")
VALUES ('settings', 0, '[]', 0, 50, 'EUR,USD,GBP,SEK,NOK,DKK,CHF,JPY,BHD', CAST(strftime('%s', 'now') AS INTEGER) * 10000000 + 621355968000000000, 0);
