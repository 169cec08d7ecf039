-- 0002: catalog (plans, videos), orders and their lines, accesses, bonus rules, viewing records, refunds;
-- VAT rates in the settings; credits and refunded totals on payments.

ALTER TABLE "merchant_settings" ADD COLUMN "tax_rates" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "payments" ADD COLUMN "credits" INTEGER NULL;

ALTER TABLE "payments" ADD COLUMN "refunded_amount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "payments" ADD COLUMN "refunded_credits" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "accesses" (
    "id" TEXT NOT NULL CONSTRAINT "pk_accesses" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "video_id" TEXT NULL,
    "plan_id" TEXT NULL,
    "order_id" TEXT NULL,
    "starts_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    "revoked_at" INTEGER NULL,
    "reason" TEXT NULL,
    "granted_by" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "bonus_rules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_bonus_rules" PRIMARY KEY,
    "trigger" TEXT NOT NULL,
    "plan_id" TEXT NULL,
    "grant_credits" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "deleted_at" INTEGER NULL,
    "grant_amount" INTEGER NULL,
    "grant_currency" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "orders" (
    "id" TEXT NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "tax_rate_basis_points" INTEGER NOT NULL,
    "country" TEXT NULL,
    "credits_total" INTEGER NULL,
    "payment_method" TEXT NOT NULL,
    "payment_id" TEXT NULL,
    "refunded_amount" INTEGER NOT NULL,
    "refunded_credits" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "paid_at" INTEGER NULL,
    "failed_at" INTEGER NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "plans" (
    "id" TEXT NOT NULL CONSTRAINT "pk_plans" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prices" TEXT NOT NULL,
    "interval" TEXT NOT NULL,
    "interval_count" INTEGER NOT NULL,
    "trial_days" INTEGER NOT NULL,
    "cardless_trial" INTEGER NOT NULL,
    "billing" TEXT NOT NULL,
    "billing_day" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "min_prepayment_amount" INTEGER NULL,
    "min_prepayment_currency" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "refunds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_refunds" PRIMARY KEY,
    "payment_id" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "credits" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "provider_reference" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "videos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_videos" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "rent_offer" TEXT NULL,
    "buy_offer" TEXT NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "views" (
    "id" TEXT NOT NULL CONSTRAINT "pk_views" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "video_id" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL,
    "recorded_at" INTEGER NOT NULL
);

CREATE TABLE "order_lines" (
    "order_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "credits" INTEGER NULL,
    "discount" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "access_hours" INTEGER NULL,
    CONSTRAINT "pk_order_lines" PRIMARY KEY ("order_id", "position"),
    CONSTRAINT "fk_order_lines_orders_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_accesses_customer_id_kind" ON "accesses" ("customer_id", "kind");

CREATE INDEX "ix_accesses_customer_id_video_id" ON "accesses" ("customer_id", "video_id");

CREATE INDEX "ix_accesses_order_id" ON "accesses" ("order_id");

CREATE INDEX "ix_orders_customer_id_id" ON "orders" ("customer_id", "id");

CREATE INDEX "ix_orders_status_id" ON "orders" ("status", "id");

CREATE INDEX "ix_refunds_payment_id" ON "refunds" ("payment_id");

CREATE INDEX "ix_views_customer_id_video_id" ON "views" ("customer_id", "video_id");

