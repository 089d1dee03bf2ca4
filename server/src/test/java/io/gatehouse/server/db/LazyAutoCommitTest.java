package io.gatehouse.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.MariaDbDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LazyAutoCommit} on a real MariaDB: it saves the switches between transactions, and every
 * statement still runs in the autocommit mode asked for when it runs. A second connection, opened
 * straight on the MariaDB driver, watches what has been committed.
 */
class LazyAutoCommitTest {

    private static MariaDbDatabase database;
    private static final RoutingDriver DRIVER = new RoutingDriver();

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = MariaDbDatabase.create();
        try (Connection c = plain(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = plain(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM t");
        }
    }

    @Test
    void transactionAfterTransactionSendsNoSwitch() throws SQLException {
        try (Connection lazy = lazy()) {
            lazy.setAutoCommit(false);
            long before = switches(lazy);
            for (int i = 0; i < 3; i++) {
                insert(lazy, i);
                lazy.commit();
                lazy.setAutoCommit(true); // as the pool does when a transaction ends ...
                assertThat(lazy.getAutoCommit()).isTrue();
                lazy.setAutoCommit(false); // ... and when the next one starts
            }
            assertThat(switches(lazy) - before).isZero();
        }
        assertThat(committed()).isEqualTo(3);
    }

    @Test
    void theDriverAloneWouldHaveSentEverySwitch() throws SQLException {
        try (Connection plain = plain()) {
            plain.setAutoCommit(false);
            long before = switches(plain);
            insert(plain, 1);
            plain.commit();
            plain.setAutoCommit(true);
            plain.setAutoCommit(false);
            assertThat(switches(plain) - before).isEqualTo(2);
            plain.commit();
        }
    }

    @Test
    void aStatementAfterSwitchingOnCommitsByItself() throws SQLException {
        try (Connection lazy = lazy()) {
            lazy.setAutoCommit(false);
            insert(lazy, 1);
            lazy.commit();
            lazy.setAutoCommit(true);
            insert(lazy, 2);
            assertThat(committed()).isEqualTo(2);
        }
    }

    @Test
    void switchingOnInAnOpenTransactionCommitsItAtOnce() throws SQLException {
        try (Connection lazy = lazy()) {
            lazy.setAutoCommit(false);
            insert(lazy, 1);
            assertThat(committed()).isZero();
            lazy.setAutoCommit(true);
            assertThat(committed()).isEqualTo(1);
        }
    }

    @Test
    void aStatementPreparedBeforeASwitchRunsInTheModeOfItsExecution() throws SQLException {
        try (Connection lazy = lazy()) {
            lazy.setAutoCommit(false);
            lazy.commit();
            try (PreparedStatement insert = lazy.prepareStatement("INSERT INTO t VALUES (?)")) {
                lazy.setAutoCommit(true);
                insert.setInt(1, 7);
                insert.executeUpdate();
                assertThat(insert.getConnection()).isSameAs(lazy);
            }
            assertThat(committed()).isEqualTo(1);
        }
    }

    @Test
    void rollbackUndoesTheTransaction() throws SQLException {
        try (Connection lazy = lazy()) {
            lazy.setAutoCommit(false);
            insert(lazy, 1);
            lazy.rollback();
            lazy.setAutoCommit(true);
            assertThat(lazy.getAutoCommit()).isTrue();
        }
        assertThat(committed()).isZero();
    }

    @Test
    void anIdleConnectionHoldsNoTransaction() throws SQLException {
        try (Connection lazy = lazy()) {
            long id = connectionId(lazy);
            lazy.setAutoCommit(false);
            insert(lazy, 1);
            lazy.commit();
            lazy.setAutoCommit(true); // not sent: the server's mode stays off
            try (Connection watcher = plain();
                    PreparedStatement open = watcher.prepareStatement(
                            "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = ?")) {
                open.setLong(1, id);
                try (ResultSet rows = open.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isZero();
                }
            }
        }
    }

    @Test
    void unwrapsToItselfAsAConnection() throws SQLException {
        try (Connection lazy = lazy()) {
            assertThat(lazy.unwrap(Connection.class)).isSameAs(lazy);
            assertThat(lazy.isWrapperFor(Connection.class)).isTrue();
        }
    }

    private static Connection lazy() throws SQLException {
        return DRIVER.connect(database.jdbcUrl(), login());
    }

    private static Connection plain() throws SQLException {
        return new org.mariadb.jdbc.Driver().connect(database.jdbcUrl(), login());
    }

    private static Properties login() {
        Properties login = new Properties();
        login.setProperty("user", database.username());
        login.setProperty("password", database.password());
        return login;
    }

    private static void insert(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
    }

    /** Rows visible to another connection: what has been committed. */
    private static long committed() throws SQLException {
        try (Connection watcher = plain(); Statement s = watcher.createStatement();
                ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The session's {@code SET} statements so far (the driver sends autocommit switches as such). */
    private static long switches(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet status = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_set_option'")) {
            status.next();
            return status.getLong(2);
        }
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet id = s.executeQuery("SELECT CONNECTION_ID()")) {
            id.next();
            return id.getLong(1);
        }
    }
}
