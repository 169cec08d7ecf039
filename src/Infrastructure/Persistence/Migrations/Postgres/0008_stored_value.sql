-- 0008: stored value is created and given back once (ADR 0026). A coupon campaign names the
-- prepayment packages it may discount; none by default, so existing campaigns discount none.
ALTER TABLE coupon_campaigns ADD COLUMN package_ids text NOT NULL DEFAULT '[]';
-- What a payment gave back other than by a refund (a plan change's credit for unused days, a late
-- payment for a closed order credited to the wallet): refunds subtract it.
ALTER TABLE payments ADD COLUMN returned_amount bigint NOT NULL DEFAULT 0;
