-- 0012 (issue 15, ADR 0040): a payment's dispute (chargeback) and its outcome.
ALTER TABLE payments ADD COLUMN dispute character varying(16);
ALTER TABLE payments ADD COLUMN dispute_id character varying(255);
ALTER TABLE payments ADD COLUMN disputed_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN dispute_reason character varying(100);
ALTER TABLE payments ADD COLUMN disputed_at timestamp with time zone;
