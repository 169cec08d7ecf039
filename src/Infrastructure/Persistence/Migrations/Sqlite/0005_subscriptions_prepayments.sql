-- 0005: subscriptions, their prepayments and the notifications sent about them (issue 5, ADR 0018).
-- Orders and accesses learn which prepayment and subscription they belong to.

CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_subscriptions" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "interval" TEXT NOT NULL,
    "interval_count" INTEGER NOT NULL,
    "anchor_day" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "trial_ends_on" TEXT NULL,
    "paid_through" TEXT NULL,
    "next_charge_at" INTEGER NULL,
    "renewal_method" TEXT NOT NULL,
    "gateway" TEXT NULL,
    "payment_method_token" TEXT NULL,
    "risk_outcome" TEXT NULL,
    "cancel_at_period_end" INTEGER NOT NULL,
    "canceled_at" INTEGER NULL,
    "cancel_reason" TEXT NULL,
    "failed_attempts" INTEGER NOT NULL,
    "coupon_campaign_id" TEXT NULL,
    "coupon_code" TEXT NULL,
    "coupon_until" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE INDEX "ix_subscriptions_customer_id_id" ON "subscriptions" ("customer_id", "id");
CREATE UNIQUE INDEX "ix_subscriptions_customer_id_plan_id" ON "subscriptions" ("customer_id", "plan_id") WHERE status <> 'Canceled';
CREATE INDEX "ix_subscriptions_next_charge_at" ON "subscriptions" ("next_charge_at");

CREATE TABLE "prepayments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_prepayments" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    "partial_to" TEXT NULL,
    "partial_amount" INTEGER NULL,
    "cut_after" TEXT NULL,
    "status" TEXT NOT NULL,
    "order_id" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    "paid_at" INTEGER NULL,
    "closed_at" INTEGER NULL,
    "version" INTEGER NOT NULL
);

CREATE INDEX "ix_prepayments_customer_id_status_created_at_id" ON "prepayments" ("customer_id", "status", "created_at", "id");
CREATE INDEX "ix_prepayments_expires_at" ON "prepayments" ("expires_at");
CREATE INDEX "ix_prepayments_status_created_at_id" ON "prepayments" ("status", "created_at", "id");
CREATE UNIQUE INDEX "ix_prepayments_subscription_id_period_start_kind" ON "prepayments" ("subscription_id", "period_start", "kind");

ALTER TABLE "orders" ADD COLUMN "prepayment_id" TEXT NULL;
CREATE INDEX "ix_orders_prepayment_id" ON "orders" ("prepayment_id");

ALTER TABLE "accesses" ADD COLUMN "subscription_id" TEXT NULL;
CREATE INDEX "ix_accesses_subscription_id" ON "accesses" ("subscription_id");

CREATE TABLE "notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY,
    "customer_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "related_id" TEXT NOT NULL,
    "sent_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE INDEX "ix_notifications_customer_id_id" ON "notifications" ("customer_id", "id");
CREATE UNIQUE INDEX "ix_notifications_related_id_kind" ON "notifications" ("related_id", "kind");

ALTER TABLE "coupon_redemptions" ADD COLUMN "subscription_id" TEXT NULL;
