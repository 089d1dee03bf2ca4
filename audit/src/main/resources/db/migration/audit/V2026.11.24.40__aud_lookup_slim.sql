-- aud_lookup, slimmer: the sealer's writes of LookupEvents' index were what kept CreateUser and
-- DeleteUser's p99 over its target (docs/benchmarks.md). Two changes, each measured there:
--
-- * No rows for EventSource (4), ReadOnly (5) and a ResourceName given as an ARN (8). The first two
--   have a few values each, so their rows were mostly a second and third copy of the every-event
--   list: a lookup by them now reads the every-event rows (attr 0) and filters on aud_outbox's
--   event_source and read_only columns. An ARN is looked up through the rows of its name (attr 7,
--   the ARN's last part) and checked against each record's resources (LookupReads.sealed). An ARN
--   whose name is longer than 512 characters, while the ARN fits 640, is no longer found by it.
-- * No index by outbox row: it was a second entry for every row, there only for retention, which
--   now deletes an event's rows by their keys, derived from the outbox row as the sealer derived
--   them (LookupRows.ofRecord). Rows no derivation gives (written by a replica of the release before
--   during a rolling upgrade, which writes attrs 4, 5 and 8) stay behind unread: the reads join
--   aud_outbox, so they match nothing.
-- Runs on MariaDB and on H2 in MODE=MariaDB;DATABASE_TO_LOWER=TRUE (LookupMigrationBackfillTest).
DROP INDEX aud_lookup_outbox_ix ON aud_lookup;
DELETE FROM aud_lookup WHERE attr IN (4, 5, 8);
