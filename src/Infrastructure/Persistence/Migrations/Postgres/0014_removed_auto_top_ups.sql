-- 0014 (issue 15, ADR 0039): a removed auto top-up keeps its row, so its top-up in flight and the month's count survive a re-create.
ALTER TABLE auto_top_ups ADD COLUMN removed_at timestamp with time zone;
