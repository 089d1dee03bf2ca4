package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbDatabaseTest {

    @Test
    void createsADatabaseOfItsOwnAndDropsItOnClose() throws SQLException {
        MariaDbSettings settings = MariaDbSettings.fromEnvironment();
        String name;
        try (MariaDbDatabase database = MariaDbDatabase.create(settings)) {
            name = database.name();
            assertThat(name).matches("gatehouse_test_[0-9a-f]{12}");
            assertThat(database.jdbcUrl()).startsWith("jdbc:mariadb://").endsWith("/" + name);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
                statement.execute("INSERT INTO probe VALUES (1)");
                assertThat(single(statement, "SELECT DATABASE()")).isEqualTo(name);
                assertThat(single(statement, "SELECT VERSION()")).contains("MariaDB");
            }
            if (!database.onPrivateServer()) {
                assertThat(databaseExists(settings, name)).isTrue();
            }
        }
        if (settings.reachable()) {
            assertThat(databaseExists(settings, name)).isFalse();
        }
    }

    @Test
    void twoDatabasesDoNotShareAName() {
        try (MariaDbDatabase first = MariaDbDatabase.create(); MariaDbDatabase second = MariaDbDatabase.create()) {
            assertThat(first.name()).isNotEqualTo(second.name());
        }
    }

    @Test
    void startsAPrivateServerWhenNothingListens() throws Exception {
        assumeTrue(PrivateMariaDb.findServerBinary() != null, "mariadbd is not installed");
        MariaDbSettings closedPort = new MariaDbSettings("127.0.0.1", closedPort(), "root", "");
        int privatePort;
        try (MariaDbDatabase database = MariaDbDatabase.create(closedPort)) {
            assertThat(database.onPrivateServer()).isTrue();
            privatePort = Integer.parseInt(database.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT DATABASE()")).isEqualTo(database.name());
            }
        }
        assertThat(new MariaDbSettings("127.0.0.1", privatePort, "root", "").reachable())
                .as("private server stopped on close").isFalse();
    }

    private static boolean databaseExists(MariaDbSettings settings, String name) throws SQLException {
        try (Connection connection = settings.connect(""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** A port nothing listens on: bound, read and released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
