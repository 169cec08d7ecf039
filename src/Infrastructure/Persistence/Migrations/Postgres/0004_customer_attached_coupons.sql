-- 0004: a counter of the coupons waiting on each account, so PlaceOrder knows from the customer row
-- it reads anyway whether to look for one, with no extra SQL per order (ADR 0017).

ALTER TABLE customers ADD COLUMN attached_coupons integer NOT NULL DEFAULT 0;

UPDATE customers c SET attached_coupons = r.n
FROM (SELECT customer_id, count(*) AS n FROM coupon_redemptions WHERE status = 'Attached' GROUP BY customer_id) r
WHERE r.customer_id = c.id;
