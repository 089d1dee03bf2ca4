package io.gatehouse.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.MariaDbDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RoutingDriverTest {

    private final RoutingDriver driver = new RoutingDriver();

    @Test
    void acceptsMariaDbAndH2UrlsOnly() {
        assertThat(driver.acceptsURL("jdbc:mariadb://127.0.0.1:3306/x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/x")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void h2UrlsReachH2() throws SQLException {
        try (Connection connection = driver.connect("jdbc:h2:mem:routing;MODE=MariaDB", new Properties())) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }

    @Test
    void mariaDbStatementsArePreparedOnTheServerUnlessTheUrlSaysOtherwise() throws SQLException {
        try (MariaDbDatabase database = MariaDbDatabase.create()) {
            Properties login = new Properties();
            login.setProperty("user", database.username());
            login.setProperty("password", database.password());
            assertThat(serverPrepares(driver.connect(database.jdbcUrl(), login))).isEqualTo(1);
            String textProtocol = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                    + "useServerPrepStmts=false";
            assertThat(serverPrepares(driver.connect(textProtocol, login))).isZero();
        }
    }

    /** How many statements MariaDB prepared for this connection while it ran one prepared statement twice. */
    private static long serverPrepares(Connection connection) throws SQLException {
        try (connection) {
            long before = sessionCounter(connection, "Com_stmt_prepare");
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement select = connection.prepareStatement("SELECT ? + 1")) {
                    select.setInt(1, i);
                    select.executeQuery().close();
                }
            }
            return sessionCounter(connection, "Com_stmt_prepare") - before;
        }
    }

    private static long sessionCounter(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            status.next();
            return status.getLong(2);
        }
    }

    @Test
    void otherUrlsAreRefusedWithAnExplanation() {
        assertThatThrownBy(() -> driver.connect("jdbc:postgresql://localhost/x", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("jdbc:postgresql://localhost/x")
                .hasMessageContaining("jdbc:mariadb:")
                .hasMessageContaining("jdbc:h2:");
    }
}
