package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log's plain-JDBC inserts on the embedded database, H2 in MariaDB mode: a single row and
 * the multi-row INSERT, the UTC event time, and nothing else written (LookupEvents' index is the
 * sealer's). (On MariaDB they run under {@link OutboxAuditLogTest}.)
 */
class OutboxInsertsOnH2Test {

    private JdbcDataSource dataSource;
    private Connection connection;

    @BeforeEach
    void migrate() throws SQLException {
        dataSource = new JdbcDataSource();
        // The server's embedded URL settings; a private in-memory database per test.
        dataSource.setURL("jdbc:h2:mem:inserts" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        connection = dataSource.getConnection();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit").load().migrate();
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aRowGoesInWithOneStatementAndNoIndexRows() throws SQLException {
        OutboxEventEntity row = OutboxAuditLog.toRow(Events.createUser().eventID(UUID.randomUUID().toString())
                .resources(List.of(new AuditEvent.Resource("AWS::IAM::User",
                        "arn:aws:iam::123456789012:user/dev/alice", "123456789012")))
                .build());

        assertThat(OutboxInserts.insertRow(connection, row)).isEqualTo(1);
        connection.commit();

        assertThat(query("SELECT event_time, payload_canonical, management_event, seal_no FROM aud_outbox"
                + " WHERE event_id = '" + row.eventId + "'")).containsExactly(
                        List.of(LocalDateTime.of(2026, 11, 23, 8, 0).toString(), "true", "true", "0"));
        assertThat(query("SELECT COUNT(*) FROM aud_lookup")).as("indexed by the sealer, not here")
                .containsExactly(List.of("0"));
    }

    @Test
    void severalRowsGoInWithOneInsert() throws SQLException {
        List<OutboxEventEntity> rows = List.of(row(), row(), row());

        OutboxInserts.insertRows(connection, rows);
        connection.commit();

        assertThat(query("SELECT event_id FROM aud_outbox ORDER BY id"))
                .containsExactly(List.of(rows.get(0).eventId), List.of(rows.get(1).eventId), List.of(rows.get(2).eventId));
        assertThat(query("SELECT COUNT(*) FROM aud_lookup")).containsExactly(List.of("0"));
    }

    /** A row as the audit log makes it, for a new event. */
    private static OutboxEventEntity row() {
        return OutboxAuditLog.toRow(Events.createUser().eventID(UUID.randomUUID().toString()).build());
    }

    /** The result's rows, each value as a string ("null" for null; times as {@link LocalDateTime}). */
    private List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof java.sql.Timestamp time ? time.toLocalDateTime().toString()
                            : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
