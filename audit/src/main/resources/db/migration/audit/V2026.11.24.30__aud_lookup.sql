-- aud_lookup: LookupEvents' index, built by the relay's sealer in batches, in the transaction that
-- seals the rows (relay/LookupRows), instead of by every API call: the six LookupEvents indexes of
-- aud_outbox and the table aud_outbox_resource with its three were about a fifth of MariaDB's CPU on
-- the write path (docs/benchmarks.md). Events not sealed yet are found by reading the outbox's
-- unsealed tail (OutboxEventHistory), so a lookup right after a call still sees it.
--
-- One row per (management event, attribute value); attr is LookupIndex.Attr's code: 0 every event
-- (val ''), 1 EventName, 2 Username, 3 AccessKeyId, 4 EventSource, 5 ReadOnly ('true'/'false'),
-- 6 ResourceType, 7 ResourceName (the ARN's last part), 8 the resource's ARN (a ResourceName given
-- as an ARN). A NULL value gets no row, nor does a resource value too long for its old column (type
-- 128, name 512, ARN 640: never cut, a cut value could match another resource). EventId lookups use
-- aud_outbox_event_id_uk. The key stays under InnoDB's 3072-byte limit in utf8mb4.
-- Runs on MariaDB and on H2 in MODE=MariaDB;DATABASE_TO_LOWER=TRUE (AuditMigrationH2Test).
CREATE TABLE aud_lookup (
    account_id VARCHAR(12)  NOT NULL,
    attr       SMALLINT     NOT NULL,
    val        VARCHAR(640) NOT NULL,
    event_time DATETIME(6)  NOT NULL,
    outbox_id  BIGINT       NOT NULL,
    PRIMARY KEY (account_id, attr, val, event_time, outbox_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Retention deletes an outbox row's lookup rows by its id.
CREATE INDEX aud_lookup_outbox_ix ON aud_lookup (outbox_id);

-- The rows of the management events already sealed; the others get theirs when they are sealed.
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 0, '', event_time, id FROM aud_outbox WHERE management_event AND seal_no <> 0;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 1, event_name, event_time, id FROM aud_outbox WHERE management_event AND seal_no <> 0;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 2, username, event_time, id FROM aud_outbox
    WHERE management_event AND seal_no <> 0 AND username IS NOT NULL;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 3, access_key_id, event_time, id FROM aud_outbox
    WHERE management_event AND seal_no <> 0 AND access_key_id IS NOT NULL;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 4, event_source, event_time, id FROM aud_outbox WHERE management_event AND seal_no <> 0;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT account_id, 5, CASE WHEN read_only THEN 'true' ELSE 'false' END, event_time, id FROM aud_outbox
    WHERE management_event AND seal_no <> 0;
-- Resources: DISTINCT, as two resources of one event may share a type or a name.
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT DISTINCT o.account_id, 6, r.resource_type, o.event_time, o.id
    FROM aud_outbox_resource r JOIN aud_outbox o ON o.id = r.outbox_id
    WHERE o.management_event AND o.seal_no <> 0 AND r.resource_type IS NOT NULL;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT DISTINCT o.account_id, 7, r.resource_name, o.event_time, o.id
    FROM aud_outbox_resource r JOIN aud_outbox o ON o.id = r.outbox_id
    WHERE o.management_event AND o.seal_no <> 0 AND r.resource_name IS NOT NULL;
INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)
    SELECT DISTINCT o.account_id, 8, r.resource_arn, o.event_time, o.id
    FROM aud_outbox_resource r JOIN aud_outbox o ON o.id = r.outbox_id
    WHERE o.management_event AND o.seal_no <> 0 AND r.resource_arn IS NOT NULL;

-- What the request path no longer maintains. aud_outbox keeps its primary key, the unique eventID
-- (EventId lookups) and aud_outbox_unsealed_ix (the sealer's queue, and the unsealed tail).
DROP INDEX aud_outbox_account_time_ix ON aud_outbox;
DROP INDEX aud_outbox_account_name_ix ON aud_outbox;
DROP INDEX aud_outbox_account_user_ix ON aud_outbox;
DROP INDEX aud_outbox_account_key_ix ON aud_outbox;
DROP INDEX aud_outbox_account_source_ix ON aud_outbox;
DROP INDEX aud_outbox_account_read_only_ix ON aud_outbox;
-- aud_outbox_resource stays for one release, unread: during a rolling upgrade a replica of the
-- release before still inserts its rows with every event, and must not fail. A later migration
-- drops it.
