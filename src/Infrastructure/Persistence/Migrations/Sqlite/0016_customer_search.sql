-- 0016 (issue 18, ADR 0044): customer search by exact email or by the start of an email or name.
-- SQLite compares text in byte order (BINARY) already, so a prefix is an index range as it is.
-- (SQLite's lower() folds ASCII only; the application refolds a name whenever it changes.)
ALTER TABLE "customers" ADD COLUMN "normalized_name" TEXT NOT NULL DEFAULT '';
UPDATE "customers" SET "normalized_name" = lower(trim("name"));
CREATE INDEX "ix_customers_normalized_name" ON "customers" ("normalized_name");
