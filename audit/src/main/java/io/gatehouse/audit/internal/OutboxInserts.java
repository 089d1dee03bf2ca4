package io.gatehouse.audit.internal;

import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The plain-JDBC INSERTs of {@code aud_outbox} rows, shared by the two writers:
 * {@link OutboxAuditLog#record} on the caller's transaction and {@link GroupCommitWriter} on its
 * own. One place binds the columns, so both paths store an event the same way. Runs on MariaDB and
 * on H2 in MODE=MariaDB.
 *
 * <p>An event is this one row: LookupEvents' index ({@code aud_lookup}) is built later by the
 * relay's sealer, in batches, so no call pays for index upkeep. Hibernate is not used for these
 * rows: its per-entity work (listeners, action queue, identity insert) was a large share of the
 * server's CPU for every IAM write, for rows nothing reads back in the same transaction.
 */
final class OutboxInserts {

    private static final String INTO = "INSERT INTO aud_outbox (event_id, account_id, event_time, event_source,"
            + " event_name, username, access_key_id, read_only, error_code, payload, payload_canonical,"
            + " management_event) ";
    private static final String COLUMNS = INTO + "VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** {@link #ROW}'s values selected under a condition that follows ({@link #insertRowIf}). */
    private static final String GUARDED_ROW = "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE ";

    private OutboxInserts() {
    }

    /** Inserts one row; returns the update count (1). */
    static int insertRow(Connection connection, OutboxEventEntity row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(COLUMNS + ROW)) {
            bind(insert, 1, row);
            return insert.executeUpdate();
        }
    }

    /**
     * {@link #insertRow}, provided that {@code guard} holds when the INSERT runs: the row is
     * selected from no table ({@code DUAL}) under the guard's condition, so the check costs no
     * statement of its own. Returns whether the row was inserted.
     */
    static boolean insertRowIf(Connection connection, OutboxEventEntity row, Precondition.Guard guard)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INTO + GUARDED_ROW + guard.condition())) {
            guard.bind(insert, bind(insert, 1, row));
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Inserts the rows with one multi-row INSERT. Their ids are not returned: for a multi-row INSERT
     * MariaDB reports only the first.
     */
    static void insertRows(Connection connection, List<OutboxEventEntity> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(repeated(COLUMNS, ROW, rows.size()))) {
            int p = 1;
            for (OutboxEventEntity row : rows) {
                p = bind(insert, p, row);
            }
            insert.executeUpdate();
        }
    }

    /** {@code head} followed by {@code count} comma-separated copies of {@code row}. */
    private static String repeated(String head, String row, int count) {
        StringBuilder sql = new StringBuilder(head.length() + count * (row.length() + 2)).append(head);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** Binds {@code row}'s {@link #ROW} from parameter {@code p}; returns the next parameter's index. */
    private static int bind(PreparedStatement insert, int p, OutboxEventEntity row) throws SQLException {
        insert.setString(p++, row.eventId);
        insert.setString(p++, row.accountId);
        // DATETIME(6) holds UTC: bind the wall-clock time in UTC, whatever the JVM's zone.
        insert.setObject(p++, LocalDateTime.ofInstant(row.eventTime, ZoneOffset.UTC));
        insert.setString(p++, row.eventSource);
        insert.setString(p++, row.eventName);
        insert.setString(p++, row.username);
        insert.setString(p++, row.accessKeyId);
        insert.setBoolean(p++, row.readOnly);
        insert.setString(p++, row.errorCode);
        insert.setString(p++, row.payload);
        insert.setBoolean(p++, row.payloadCanonical);
        insert.setBoolean(p++, row.managementEvent);
        return p;
    }
}
