package io.gatehouse.audit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit migrations apply to the embedded database, H2 in MariaDB mode, and the table works. */
class AuditMigrationH2Test {

    private static final String INSERT = "INSERT INTO aud_outbox (event_id, account_id, event_time, event_source,"
            + " event_name, username, access_key_id, read_only, error_code, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private String url;
    private Connection keepAlive;

    @BeforeEach
    void migrate() throws SQLException {
        // The server's embedded URL settings; a private in-memory database per test.
        url = "jdbc:h2:mem:audit" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        keepAlive = DriverManager.getConnection(url);
        MigrateResult result = Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/audit")
                .load()
                .migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(5); // outbox, resources, chain, seals, canonical
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    @Test
    void insertedRowsReadBackInInsertionOrder() throws SQLException {
        LocalDateTime time = LocalDateTime.of(2026, 11, 23, 8, 0, 0, 123_456_000);
        String payload = "{\"eventVersion\":\"1.10\",\"userAgent\":\"caf\u00e9 \ud83d\ude00\"," + "x".repeat(100_000) + "}";
        try (Connection connection = DriverManager.getConnection(url)) {
            insert(connection, "9d478fc1-4f10-490f-a26b-000000000001", time, "alice", payload);
            insert(connection, "9d478fc1-4f10-490f-a26b-000000000002", time.plusSeconds(1), null, "{}");

            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, event_id, account_id, event_time, username, read_only, payload, seal_no,"
                            + " payload_canonical"
                            + " FROM aud_outbox WHERE account_id = ? ORDER BY id")) {
                select.setString(1, "123456789012");
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    long firstId = rows.getLong("id");
                    ids.add(rows.getString("event_id"));
                    assertThat(rows.getTimestamp("event_time").toLocalDateTime()).isEqualTo(time);
                    assertThat(rows.getString("username")).isEqualTo("alice");
                    assertThat(rows.getBoolean("read_only")).isTrue();
                    assertThat(rows.getString("payload")).isEqualTo(payload);
                    assertThat(rows.getLong("seal_no")).as("0 until sealed").isZero();
                    assertThat(rows.getBoolean("payload_canonical")).as("unless the writer says so").isFalse();
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong("id")).isGreaterThan(firstId);
                    ids.add(rows.getString("event_id"));
                    assertThat(rows.getString("username")).isNull();
                    assertThat(rows.next()).isFalse();
                }
            }
            assertThat(ids).containsExactly("9d478fc1-4f10-490f-a26b-000000000001",
                    "9d478fc1-4f10-490f-a26b-000000000002");
        }
    }

    @Test
    void eventIdIsUnique() throws SQLException {
        LocalDateTime time = LocalDateTime.of(2026, 11, 23, 8, 0);
        try (Connection connection = DriverManager.getConnection(url)) {
            insert(connection, "9d478fc1-4f10-490f-a26b-000000000001", time, "alice", "{}");
            assertThatThrownBy(() -> insert(connection, "9d478fc1-4f10-490f-a26b-000000000001", time, "bob", "{}"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void sealingLeavesEventTimeAlone() throws SQLException {
        LocalDateTime time = LocalDateTime.of(2026, 11, 23, 8, 0);
        try (Connection connection = DriverManager.getConnection(url)) {
            insert(connection, "9d478fc1-4f10-490f-a26b-000000000001", time, "alice", "{}");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE aud_outbox SET seal_no = ? WHERE seal_no = 0")) {
                update.setLong(1, 1);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT event_time FROM aud_outbox");
                 ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getTimestamp(1).toLocalDateTime()).isEqualTo(time);
            }
        }
    }

    private static void insert(Connection connection, String eventId, LocalDateTime time, String username,
            String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, "123456789012");
            insert.setTimestamp(3, Timestamp.valueOf(time));
            insert.setString(4, "iam.amazonaws.com");
            insert.setString(5, "CreateUser");
            insert.setString(6, username);
            insert.setString(7, "AKIAIOSFODNN7EXAMPLE");
            insert.setBoolean(8, true);
            insert.setString(9, null);
            insert.setString(10, payload);
            insert.executeUpdate();
        }
    }
}
