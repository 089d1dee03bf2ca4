package io.gatehouse.audit.internal.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.internal.EventResources;
import io.gatehouse.audit.internal.LookupIndex;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * LookupEvents' index rows ({@code aud_lookup}, {@link LookupIndex}) of the events the sealer seals,
 * written in the transaction that seals them: an outbox row is either unsealed (and LookupEvents
 * finds it by reading the unsealed tail of {@code aud_outbox}) or sealed and indexed, never in
 * between. Written here in batches rather than by each call, the index's upkeep (about a fifth of
 * MariaDB's CPU on the write path when every call maintained it) is off the request path.
 *
 * <p>Management events only: LookupEvents returns no data event, as CloudTrail's event history; for
 * the authorization API, whose every decision is one, index rows were a quarter of MariaDB's work
 * per call.
 */
final class LookupRows {

    private static final Logger LOG = Logger.getLogger(LookupRows.class);
    private static final String INSERT = "INSERT INTO aud_lookup (account_id, attr, val, event_time, outbox_id)"
            + " VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?)";
    /** The rows whose record could not be read lately, so each is warned about once, retries included. */
    private static final Set<Long> WARNED = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > 1024;
                }
            }));

    /** One {@code aud_lookup} row. */
    record Row(String accountId, LookupIndex.Attr attr, String value, LocalDateTime eventTime, long outboxId) {
    }

    private LookupRows() {
    }

    /**
     * The rows of one management event, from its outbox row's columns and its record's resources:
     * what the sealer inserts and what retention deletes, by the same derivation.
     */
    static List<Row> ofRecord(long outboxId, String accountId, LocalDateTime eventTime, String eventName,
            String username, String accessKeyId, String record) {
        return of(outboxId, accountId, eventTime, LookupIndex.entries(eventName, username, accessKeyId,
                resources(outboxId, record)));
    }

    /**
     * The rows of one management event's entries. Values that differ only by trailing spaces are
     * one row: MariaDB's {@code utf8mb4_bin} compares them as equal (PAD SPACE), so a second one
     * would be a duplicate key that stopped sealing.
     */
    static List<Row> of(long outboxId, String accountId, LocalDateTime eventTime, Set<LookupIndex.Entry> entries) {
        List<Row> rows = new ArrayList<>(entries.size());
        Set<LookupIndex.Entry> keys = new HashSet<>();
        for (LookupIndex.Entry entry : entries) {
            if (keys.add(new LookupIndex.Entry(entry.attr(), withoutTrailingSpaces(entry.value())))) {
                rows.add(new Row(accountId, entry.attr(), entry.value(), eventTime, outboxId));
            }
        }
        return rows;
    }

    /**
     * The resources of outbox row {@code outboxId}'s record ({@link EventResources#read}); none,
     * with a warning, when it cannot be read: such a row is still sealed and found by its other
     * attributes.
     */
    static List<AuditEvent.Resource> resources(long outboxId, String record) {
        try {
            return EventResources.read(record);
        } catch (IOException e) {
            if (WARNED.add(outboxId)) {
                LOG.warnf("audit outbox row %d: its resources could not be read (%s); it is indexed for"
                        + " LookupEvents without them", outboxId,
                        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
            }
            return List.of();
        }
    }

    /**
     * Inserts the rows as one JDBC batch of a single-row INSERT, on MariaDB and H2 alike: MariaDB's
     * driver sends the batch as one bulk command of one prepared statement. Multi-row INSERTs of up
     * to 1,000 rows took half as long again per row (about 22 µs against 14 µs of the sealer's time
     * per row under the write benchmark's load; each size of a multi-row INSERT is a statement of its
     * own to prepare).
     */
    static void insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT + ROW)) {
            for (Row row : rows) {
                bind(insert, 1, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Deletes the rows by their keys, as one JDBC batch: retention's delete of the events it lets go
     * ({@link #ofRecord} derives the same rows the sealer inserted). The table has no index by outbox
     * row: it cost the sealer a second index entry for every row.
     */
    static void delete(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM aud_lookup WHERE account_id = ?"
                + " AND attr = ? AND val = ? AND event_time = ? AND outbox_id = ?")) {
            for (Row row : rows) {
                bind(delete, 1, row);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static int bind(PreparedStatement insert, int p, Row row) throws SQLException {
        insert.setString(p++, row.accountId());
        insert.setShort(p++, row.attr().code());
        insert.setString(p++, row.value());
        insert.setObject(p++, row.eventTime());
        insert.setLong(p++, row.outboxId());
        return p;
    }

    /** The value without the trailing spaces (U+0020 only) that PAD SPACE ignores. */
    private static String withoutTrailingSpaces(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }
}
