-- The audit outbox: one row per CloudTrail event, inserted in the transaction of the call it
-- records; the relay publishes rows to Kafka in id order and stamps published_at.
-- Runs on MariaDB and on H2 in MODE=MariaDB;DATABASE_TO_LOWER=TRUE (AuditMigrationH2Test).
--
-- Times are DATETIME(6) holding UTC, not TIMESTAMP(6): MariaDB's TIMESTAMP ends in 2038 (before
-- 11.5), converts through the session time zone, and before 10.10 gives the first TIMESTAMP column
-- an implicit ON UPDATE CURRENT_TIMESTAMP that would rewrite event_time when published_at is set.
CREATE TABLE aud_outbox (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      CHAR(36)     NOT NULL,
    account_id    VARCHAR(12)  NOT NULL,
    event_time    DATETIME(6)  NOT NULL,
    event_source  VARCHAR(128) NOT NULL,
    event_name    VARCHAR(128) NOT NULL,
    username      VARCHAR(256) NULL,
    access_key_id VARCHAR(128) NULL,
    read_only     BOOLEAN      NOT NULL,
    error_code    VARCHAR(128) NULL,
    payload       LONGTEXT     NOT NULL,
    published_at  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT aud_outbox_event_id_uk UNIQUE (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- LookupEvents always reads one account, newest first, with at most one attribute filter.
CREATE INDEX aud_outbox_account_time_ix ON aud_outbox (account_id, event_time);
CREATE INDEX aud_outbox_account_name_ix ON aud_outbox (account_id, event_name, event_time);
CREATE INDEX aud_outbox_account_user_ix ON aud_outbox (account_id, username, event_time);
CREATE INDEX aud_outbox_account_key_ix ON aud_outbox (account_id, access_key_id, event_time);
CREATE INDEX aud_outbox_account_source_ix ON aud_outbox (account_id, event_source, event_time);
-- The relay's queue: unpublished rows (published_at IS NULL) in id order.
CREATE INDEX aud_outbox_unpublished_ix ON aud_outbox (published_at, id);
