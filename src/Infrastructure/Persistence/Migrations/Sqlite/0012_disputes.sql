-- 0012 (issue 15, ADR 0040): a payment's dispute (chargeback) and its outcome.
ALTER TABLE "payments" ADD COLUMN "dispute" TEXT;
ALTER TABLE "payments" ADD COLUMN "dispute_id" TEXT;
ALTER TABLE "payments" ADD COLUMN "disputed_amount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD COLUMN "dispute_reason" TEXT;
ALTER TABLE "payments" ADD COLUMN "disputed_at" INTEGER;
