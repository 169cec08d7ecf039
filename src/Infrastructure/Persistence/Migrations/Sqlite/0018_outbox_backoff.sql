-- 0018 (issue 17, ADR 0046): a failed outbox send waits before its next attempt.
ALTER TABLE "outbox_messages" ADD COLUMN "next_attempt_at" INTEGER NULL;
