-- 0010 (issue 15, ADR 0038): saved payment methods charged off-session, the provider-side
-- customer each is attached to, and which saved method a payment or a subscription charges.
CREATE TABLE "saved_payment_methods" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "provider_customer_id" TEXT,
    "provider_method_id" TEXT,
    "setup_reference" TEXT,
    "display_brand" TEXT,
    "display_last4" TEXT,
    "display_exp_month" INTEGER,
    "display_exp_year" INTEGER,
    "display_email" TEXT,
    "is_default" INTEGER NOT NULL,
    "next_action_type" TEXT,
    "next_action_url" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "revoked_at" INTEGER,
    "version" INTEGER NOT NULL,
    CONSTRAINT "pk_saved_payment_methods" PRIMARY KEY ("id")
);

CREATE INDEX "ix_saved_payment_methods_customer_id_created_at" ON "saved_payment_methods" ("customer_id", "created_at");
CREATE INDEX "ix_saved_payment_methods_gateway_setup_reference" ON "saved_payment_methods" ("gateway", "setup_reference");

CREATE TABLE "gateway_customers" (
    "customer_id" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "provider_customer_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_gateway_customers" PRIMARY KEY ("customer_id", "gateway")
);

ALTER TABLE "payments" ADD COLUMN "saved_method_id" TEXT;
ALTER TABLE "payments" ADD COLUMN "off_session" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD COLUMN "save_method" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "subscriptions" ADD COLUMN "saved_method_id" TEXT;
