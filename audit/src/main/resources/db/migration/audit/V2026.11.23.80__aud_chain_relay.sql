-- The audit relay and the integrity chain (docs/audit.md). Runs on MariaDB and on H2 in MariaDB mode.
--
-- seal_no: the order in which the single active relay sealed the row into its account's chain
-- (null until then); the relay publishes in this order, and aud_lease.published_seal_no says how
-- far it got (rows are not stamped one by one). chain_seq/prev_hash/chain_hash: the row's place in
-- its account's SHA-256 chain. published_at (per-row stamping) and its indexes are replaced by that
-- watermark.
ALTER TABLE aud_outbox ADD COLUMN seal_no BIGINT NULL;
ALTER TABLE aud_outbox ADD COLUMN chain_seq BIGINT NULL;
ALTER TABLE aud_outbox ADD COLUMN prev_hash CHAR(64) NULL;
ALTER TABLE aud_outbox ADD COLUMN chain_hash CHAR(64) NULL;
CREATE INDEX aud_outbox_unsealed_ix ON aud_outbox (seal_no, id);
DROP INDEX aud_outbox_unpublished_ix ON aud_outbox;
ALTER TABLE aud_outbox DROP COLUMN published_at;

-- Each account's chain head, and what the last digest covered.
CREATE TABLE aud_chain_head (
    account_id       VARCHAR(12)  NOT NULL,
    last_seq         BIGINT       NOT NULL,
    last_hash        CHAR(64)     NOT NULL,
    digest_seq       BIGINT       NOT NULL,
    digest_signature VARCHAR(200) NULL,
    digest_time      DATETIME(6)  NULL,
    PRIMARY KEY (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Leases for work that exactly one replica does. 'relay': the relay and sealer. seal_counter is the
-- last seal_no handed out (only the lease holder, holding this row's lock, advances it);
-- published_seal_no the last one Kafka has committed: every row up to it is on the topic.
CREATE TABLE aud_lease (
    name              VARCHAR(64)  NOT NULL,
    holder            VARCHAR(128) NULL,
    expires_at        DATETIME(6)  NOT NULL,
    seal_counter      BIGINT       NOT NULL,
    published_seal_no BIGINT       NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO aud_lease (name, holder, expires_at, seal_counter, published_seal_no)
    VALUES ('relay', NULL, '1970-01-01 00:00:00', 0, 0);

-- Signed digests: kept here and published to the topic like events.
CREATE TABLE aud_digest (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    event_id     CHAR(36)     NOT NULL,
    account_id   VARCHAR(12)  NOT NULL,
    first_seq    BIGINT       NOT NULL,
    last_seq     BIGINT       NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    payload      LONGTEXT     NOT NULL,
    published_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT aud_digest_event_id_uk UNIQUE (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX aud_digest_publish_ix ON aud_digest (published_at, id);

-- The digest signing keys: ECDSA P-256; the private key sealed under the master key.
CREATE TABLE aud_signing_key (
    fingerprint        CHAR(64)     NOT NULL,
    public_key         TEXT         NOT NULL,
    private_key_sealed TEXT         NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    active             BOOLEAN      NOT NULL,
    PRIMARY KEY (fingerprint)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
