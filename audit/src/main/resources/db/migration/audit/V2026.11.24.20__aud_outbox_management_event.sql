-- management_event: the record's managementEvent. LookupEvents returns management events only, as
-- CloudTrail's event history does; data events (such as the authorization API's decisions) are on
-- the stream, and their resources are not indexed in aud_outbox_resource (nothing looks them up).
-- TRUE by default (every record written before data events existed was one); the rows of data
-- events already stored are found by their payload, which CloudTrailJson writes compactly.
-- Runs on MariaDB and on H2 in MariaDB mode (AuditMigrationH2Test).
ALTER TABLE aud_outbox ADD COLUMN management_event BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE aud_outbox SET management_event = FALSE WHERE payload LIKE '%"managementEvent":false%';
