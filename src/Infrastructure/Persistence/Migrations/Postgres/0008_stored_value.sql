-- 0008: stored value is created and given back once (ADR 0026). A coupon campaign names the
-- prepayment packages it may discount; none by default, so existing campaigns discount none.
ALTER TABLE coupon_campaigns ADD COLUMN package_ids text NOT NULL DEFAULT '[]';
