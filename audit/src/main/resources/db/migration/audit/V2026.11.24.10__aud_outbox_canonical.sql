-- payload_canonical: the payload is already the hash chain's canonical JSON (CloudTrailJson.write
-- writes it so), and the relay may hash it after one scan for where the chain fields go instead of
-- parsing, sorting and writing it again (Chain.prepareCanonical). FALSE for rows written before, and
-- for any writer that does not set it: the relay canonicalizes those as it always did, so a row
-- inserted by an older server during a rolling upgrade is still hashed right.
-- A column with a constant default at the end of the table: MariaDB adds it in place (instant ADD
-- COLUMN). Runs on MariaDB and on H2 in MariaDB mode (AuditMigrationH2Test).
ALTER TABLE aud_outbox ADD COLUMN payload_canonical BOOLEAN NOT NULL DEFAULT FALSE;
