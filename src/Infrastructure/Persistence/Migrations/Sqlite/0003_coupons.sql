-- 0003: coupon campaigns, their codes (single shared or bulk unique) and redemptions; the coupon on an order.
-- One redemption per campaign and customer is a unique index: the database enforces it under races.

ALTER TABLE "orders" ADD COLUMN "coupon_code" TEXT NULL;

CREATE TABLE "coupon_campaigns" (
    "id" TEXT NOT NULL CONSTRAINT "pk_coupon_campaigns" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "percent_off_basis_points" INTEGER NULL,
    "amount_off" TEXT NOT NULL,
    "free_trial_days" INTEGER NULL,
    "duration" TEXT NOT NULL,
    "duration_in_months" INTEGER NULL,
    "applies_to" TEXT NOT NULL,
    "plan_ids" TEXT NOT NULL,
    "max_redemptions" INTEGER NULL,
    "redeem_by" INTEGER NULL,
    "code" TEXT NULL,
    "bulk" INTEGER NOT NULL,
    "redemptions" INTEGER NOT NULL,
    "expired_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "coupon_codes" (
    "key" TEXT NOT NULL CONSTRAINT "pk_coupon_codes" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "bulk" INTEGER NOT NULL,
    "redeemed_by" TEXT NULL,
    "redeemed_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_coupon_codes_coupon_campaigns_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "coupon_campaigns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "coupon_redemptions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_coupon_redemptions" PRIMARY KEY,
    "campaign_id" TEXT NOT NULL,
    "campaign_name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "order_id" TEXT NULL,
    "discount_amount" INTEGER NULL,
    "currency" TEXT NULL,
    "redeemed_at" INTEGER NOT NULL,
    "applied_at" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_coupon_redemptions_coupon_campaigns_campaign_id" FOREIGN KEY ("campaign_id") REFERENCES "coupon_campaigns" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_coupon_campaigns_expired_at_id" ON "coupon_campaigns" ("expired_at", "id");

CREATE INDEX "ix_coupon_codes_campaign_id_key" ON "coupon_codes" ("campaign_id", "key");

CREATE UNIQUE INDEX "ix_coupon_redemptions_campaign_id_customer_id" ON "coupon_redemptions" ("campaign_id", "customer_id");

CREATE INDEX "ix_coupon_redemptions_campaign_id_status_currency" ON "coupon_redemptions" ("campaign_id", "status", "currency");

CREATE INDEX "ix_coupon_redemptions_customer_id_id" ON "coupon_redemptions" ("customer_id", "id");
