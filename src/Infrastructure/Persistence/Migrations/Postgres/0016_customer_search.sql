-- 0016 (issue 18, ADR 0044): customer search by exact email or by the start of an email or name.
-- Both keys compare in byte ("C") order, so a prefix is an index range whatever the cluster's locale,
-- and the ids ride in both indexes, so a search's candidate ids are read from the index alone.
-- Existing names are folded with lower() (the database's rules); the application refolds a name when it changes.
ALTER TABLE customers ADD COLUMN normalized_name character varying(200) COLLATE "C" NOT NULL DEFAULT '';
UPDATE customers SET normalized_name = lower(btrim(name));
ALTER TABLE customers ALTER COLUMN normalized_name DROP DEFAULT;
DROP INDEX ix_customers_normalized_email;
ALTER TABLE customers ALTER COLUMN normalized_email TYPE character varying(254) COLLATE "C";
CREATE UNIQUE INDEX ix_customers_normalized_email ON customers (normalized_email) INCLUDE (id);
CREATE INDEX ix_customers_normalized_name ON customers (normalized_name) INCLUDE (id);
