package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The plain-JDBC INSERTs of {@code aud_outbox} and {@code aud_outbox_resource} rows, shared by the
 * two writers: {@link OutboxAuditLog#record} on the caller's transaction and {@link GroupCommitWriter}
 * on its own. One place binds the columns, so both paths store an event the same way. Runs on
 * MariaDB and on H2 in MODE=MariaDB.
 *
 * <p>Hibernate is not used for these rows: its per-entity work (listeners, action queue, identity
 * insert) was a large share of the server's CPU for every IAM write, for rows nothing reads back in
 * the same transaction.
 */
final class OutboxInserts {

    private static final String COLUMNS = "INSERT INTO aud_outbox (event_id, account_id, event_time, event_source,"
            + " event_name, username, access_key_id, read_only, error_code, payload, payload_canonical,"
            + " management_event) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** {@link #ROW}'s values selected under a condition that follows ({@link #insertRowIf}). */
    private static final String GUARDED_ROW = "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE ";

    private static final String RESOURCE = "INSERT INTO aud_outbox_resource (outbox_id, account_id, resource_type,"
            + " resource_name, resource_arn) VALUES ";
    private static final String RESOURCE_ROW = "(?, ?, ?, ?, ?)";

    /** The resources of one stored event: the rows to write, keyed to its outbox row's id. */
    record Resources(long outboxId, String accountId, List<AuditEvent.Resource> resources) {
    }

    private OutboxInserts() {
    }

    /**
     * Inserts one row and returns its new id, read from the INSERT's own answer (MariaDB sends it in
     * the OK packet): no second round trip.
     */
    static long insertRow(Connection connection, OutboxEventEntity row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(COLUMNS + ROW, Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, 1, row);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for audit event " + row.eventId);
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * {@link #insertRow}, provided that {@code guard} holds when the INSERT runs: the row is
     * selected from no table ({@code DUAL}) under the guard's condition, so the check costs no
     * statement of its own. Returns the new id, or -1 when the guard did not hold and nothing was
     * inserted.
     */
    static long insertRowIf(Connection connection, OutboxEventEntity row, Precondition.Guard guard)
            throws SQLException {
        String sql = COLUMNS.substring(0, COLUMNS.length() - "VALUES ".length()) + GUARDED_ROW + guard.condition();
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            guard.bind(insert, bind(insert, 1, row));
            if (insert.executeUpdate() == 0) {
                return -1;
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for audit event " + row.eventId);
                }
                return keys.getLong(1);
            }
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

    /**
     * Inserts all the resources' rows ({@link EventResources#columns}) of the given events with one
     * multi-row INSERT; nothing when there are none.
     */
    static void insertResources(Connection connection, List<Resources> events) throws SQLException {
        int count = events.stream().mapToInt(e -> e.resources().size()).sum();
        if (count == 0) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(repeated(RESOURCE, RESOURCE_ROW, count))) {
            int p = 1;
            for (Resources event : events) {
                for (AuditEvent.Resource resource : event.resources()) {
                    p = bind(insert, p, event, EventResources.columns(resource));
                }
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

    /** Binds one resource's {@link #RESOURCE_ROW} from parameter {@code p}; returns the next index. */
    private static int bind(PreparedStatement insert, int p, Resources event, EventResources.Columns columns)
            throws SQLException {
        insert.setLong(p++, event.outboxId());
        insert.setString(p++, event.accountId());
        insert.setString(p++, columns.type());
        insert.setString(p++, columns.name());
        insert.setString(p++, columns.arn());
        return p;
    }
}
