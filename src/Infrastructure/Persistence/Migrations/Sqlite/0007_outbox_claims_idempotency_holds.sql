-- 0007: an outbox message is claimed for a while, not locked while it is sent; an idempotency key's
-- in-progress hold expires, and records whether the request already committed a change.
ALTER TABLE "outbox_messages" ADD COLUMN "claimed_until" INTEGER NULL;

ALTER TABLE "idempotency_records" ADD COLUMN "held_until" INTEGER NULL;
ALTER TABLE "idempotency_records" ADD COLUMN "committed" INTEGER NOT NULL DEFAULT 0;
-- Keys written before this migration keep a hold of their full lifetime, as before.
UPDATE "idempotency_records" SET "held_until" = "expires_at" WHERE "completed" = 0;
