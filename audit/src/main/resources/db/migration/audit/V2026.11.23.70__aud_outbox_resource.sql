-- The resources of each outbox event (CloudTrail's resources[]), written with the event in the
-- same transaction, so LookupEvents can filter by ResourceType and ResourceName.
-- resource_name is the name LookupEvents shows (the ARN's last part, e.g. a user name);
-- resource_arn the full ARN, for a ResourceName given as an ARN. Values too long for their
-- column are stored as NULL, never cut (a cut value could match a different resource).
-- Runs on MariaDB and on H2 in MODE=MariaDB (AuditMigrationH2Test); index keys stay under
-- InnoDB's 3072-byte limit in utf8mb4.
CREATE TABLE aud_outbox_resource (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    outbox_id     BIGINT       NOT NULL,
    account_id    VARCHAR(12)  NOT NULL,
    resource_type VARCHAR(128) NULL,
    resource_name VARCHAR(512) NULL,
    resource_arn  VARCHAR(640) NULL,
    PRIMARY KEY (id),
    CONSTRAINT aud_outbox_resource_outbox_fk FOREIGN KEY (outbox_id) REFERENCES aud_outbox (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX aud_outbox_resource_outbox_ix ON aud_outbox_resource (outbox_id);
CREATE INDEX aud_outbox_resource_type_ix ON aud_outbox_resource (account_id, resource_type, outbox_id);
CREATE INDEX aud_outbox_resource_name_ix ON aud_outbox_resource (account_id, resource_name, outbox_id);
CREATE INDEX aud_outbox_resource_arn_ix ON aud_outbox_resource (account_id, resource_arn, outbox_id);
-- ReadOnly is the one LookupEvents attribute the outbox's own indexes did not cover.
CREATE INDEX aud_outbox_account_read_only_ix ON aud_outbox (account_id, read_only, event_time);
