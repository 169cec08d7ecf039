-- 0013 (issue 15, ADR 0040): the won disputes of a payment, so that a late report about one cannot reopen it.
ALTER TABLE "payments" ADD COLUMN "closed_dispute_ids" TEXT;
