-- 0018 (issue 17, ADR 0046): a failed outbox send waits before its next attempt (doubling from 1 s, or a 429's
-- delay) instead of being tried again every second.
ALTER TABLE outbox_messages ADD COLUMN next_attempt_at timestamp with time zone;
