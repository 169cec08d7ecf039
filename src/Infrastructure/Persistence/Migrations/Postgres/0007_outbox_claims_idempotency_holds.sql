-- 0007: an outbox message is claimed for a while, not locked while it is sent; an idempotency key's
-- in-progress hold expires, and records whether the request already committed a change.
ALTER TABLE outbox_messages ADD COLUMN claimed_until timestamp with time zone;

ALTER TABLE idempotency_records ADD COLUMN held_until timestamp with time zone;
ALTER TABLE idempotency_records ADD COLUMN committed boolean NOT NULL DEFAULT false;
-- Keys written before this migration keep a hold of their full lifetime, as before.
UPDATE idempotency_records SET held_until = expires_at WHERE NOT completed;
