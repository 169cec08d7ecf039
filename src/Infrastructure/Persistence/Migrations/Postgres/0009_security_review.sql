-- 0009 (issue 12, security review; ADR 0028): what a plan entitles to, rent-or-buy-only videos,
-- one free trial per customer and plan (or per merchant).
ALTER TABLE plans ADD COLUMN coverage character varying(16) NOT NULL DEFAULT 'AllVideos';
ALTER TABLE plans ADD COLUMN video_ids text NOT NULL DEFAULT '[]';

ALTER TABLE videos ADD COLUMN rent_or_buy_only boolean NOT NULL DEFAULT false;

ALTER TABLE merchant_settings ADD COLUMN trial_policy character varying(16) NOT NULL DEFAULT 'PerPlan';

CREATE TABLE trial_grants (
    customer_id character varying(40) NOT NULL,
    scope character varying(40) NOT NULL,
    plan_id character varying(40) NOT NULL,
    subscription_id character varying(40) NOT NULL,
    granted_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_trial_grants PRIMARY KEY (customer_id, scope)
);

-- Trials already taken count: every subscription that had a trial (trial_ends_on set) used its plan's.
INSERT INTO trial_grants (customer_id, scope, plan_id, subscription_id, granted_at)
SELECT DISTINCT ON (customer_id, plan_id) customer_id, plan_id, plan_id, id, created_at
  FROM subscriptions WHERE trial_ends_on IS NOT NULL
 ORDER BY customer_id, plan_id, created_at, id;

-- ADR 0029: emails are unique without case. Existing rows keep their address as typed; the oldest
-- customer of each case-insensitive duplicate keeps the normalised key, each later one gets a key of
-- its own (…#id) until staff merge or change them, so the unique index can be built over old data.
ALTER TABLE customers ADD COLUMN normalized_email character varying(254) NOT NULL DEFAULT '';
UPDATE customers SET normalized_email = lower(email);
UPDATE customers SET normalized_email = left(normalized_email, 200) || '#' || id
 WHERE EXISTS (SELECT 1 FROM customers o WHERE o.normalized_email = customers.normalized_email AND o.id < customers.id);
DROP INDEX ix_customers_email;
CREATE UNIQUE INDEX ix_customers_normalized_email ON customers (normalized_email);
