package io.gatehouse.audit;

import io.gatehouse.testing.MariaDbDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The databases the audit module runs on, for tests that must pass on both: each {@link #open()}
 * gives a fresh, empty database of that kind, dropped when closed.
 */
public enum TestDatabase {
    /** The embedded default: H2 in memory, with the server's MariaDB-mode URL settings. */
    H2 {
        @Override
        public Open open() throws SQLException {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:audit" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            Connection keepAlive = dataSource.getConnection(); // an in-memory database lives while one is open
            return new Open(dataSource, keepAlive::close);
        }
    },
    /** A throw-away database on the test MariaDB server ({@link MariaDbDatabase}). */
    MARIADB {
        @Override
        public Open open() throws SQLException {
            MariaDbDatabase database = MariaDbDatabase.create();
            MariaDbDataSource dataSource = new MariaDbDataSource(database.jdbcUrl());
            dataSource.setUser(database.username());
            dataSource.setPassword(database.password());
            return new Open(dataSource, database::close);
        }
    };

    /** A new, empty database of this kind. */
    public abstract Open open() throws SQLException;

    /** An open test database; closing it drops it. */
    public record Open(DataSource dataSource, AutoCloseable drop) implements AutoCloseable {

        /** Applies every audit migration. */
        public void migrate() {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit").load().migrate();
        }

        /** Applies the audit migrations up to {@code version}, as a database of that release has them. */
        public void migrateTo(String version) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit").target(version)
                    .load().migrate();
        }

        @Override
        public void close() throws Exception {
            drop.close();
        }
    }
}
