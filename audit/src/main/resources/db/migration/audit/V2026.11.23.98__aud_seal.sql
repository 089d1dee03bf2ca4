-- The chain fields move from aud_outbox to aud_seal, written once by the relay with multi-row
-- INSERTs, and aud_outbox.seal_no is 0 from the insert until sealing sets it: the one column the
-- relay changes in an outbox row keeps its size, so InnoDB updates it in place. Sealing a batch of
-- 2,000 rows took about half the time this way (docs/benchmarks.md, audit relay).
-- aud_seal: a sealed row's place in its account's chain (chain_seq, prev_hash, chain_hash);
-- (account_id, chain_seq) is unique, as a chain has one record per sequence number.
CREATE TABLE aud_seal (
    outbox_id  BIGINT      NOT NULL,
    account_id VARCHAR(12) NOT NULL,
    chain_seq  BIGINT      NOT NULL,
    prev_hash  CHAR(64)    NOT NULL,
    chain_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (outbox_id)
);
CREATE UNIQUE INDEX aud_seal_chain_ux ON aud_seal (account_id, chain_seq);
INSERT INTO aud_seal (outbox_id, account_id, chain_seq, prev_hash, chain_hash)
    SELECT id, account_id, chain_seq, prev_hash, chain_hash FROM aud_outbox WHERE seal_no IS NOT NULL;
UPDATE aud_outbox SET seal_no = 0 WHERE seal_no IS NULL;
ALTER TABLE aud_outbox ALTER COLUMN seal_no SET DEFAULT 0;
ALTER TABLE aud_outbox DROP COLUMN chain_seq;
ALTER TABLE aud_outbox DROP COLUMN prev_hash;
ALTER TABLE aud_outbox DROP COLUMN chain_hash;
