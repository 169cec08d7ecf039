-- 0011 (issue 15, ADR 0039): auto top-up, one per currency pocket, and the top-ups it charged.
CREATE TABLE "auto_top_ups" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "threshold_amount" INTEGER NOT NULL,
    "package_id" TEXT,
    "amount" INTEGER,
    "saved_method_id" TEXT NOT NULL,
    "max_per_month" INTEGER NOT NULL,
    "enabled" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_top_up_at" INTEGER,
    "in_flight_top_up_id" TEXT,
    "month" TEXT NOT NULL,
    "started_in_month" INTEGER NOT NULL,
    "next_attempt_at" INTEGER,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "pk_auto_top_ups" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ix_auto_top_ups_customer_id_currency" ON "auto_top_ups" ("customer_id", "currency");
CREATE INDEX "ix_auto_top_ups_enabled_updated_at" ON "auto_top_ups" ("enabled", "updated_at");

ALTER TABLE "top_ups" ADD COLUMN "auto_top_up_id" TEXT;
