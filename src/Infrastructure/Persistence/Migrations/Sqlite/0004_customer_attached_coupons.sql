-- 0004: a counter of the coupons waiting on each account, so PlaceOrder knows from the customer row
-- it reads anyway whether to look for one, with no extra SQL per order (ADR 0017).

ALTER TABLE "customers" ADD COLUMN "attached_coupons" INTEGER NOT NULL DEFAULT 0;

UPDATE "customers" SET "attached_coupons" = (
    SELECT count(*) FROM "coupon_redemptions" r WHERE r."customer_id" = "customers"."id" AND r."status" = 'Attached');
