package io.gatehouse.server.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver Quarkus is built with ({@code quarkus.datasource.jdbc.driver}). Quarkus fixes the
 * driver at build time, yet one packaged Gatehouse must run on MariaDB or on the embedded H2: this
 * driver picks the real one from the URL at run time.
 *
 * <p>{@code jdbc:mariadb:} URLs go to the MariaDB driver, {@code jdbc:h2:} URLs to H2. Any other URL
 * is refused with an {@link SQLException} that names the accepted prefixes (rather than the
 * {@code null} the JDBC contract allows, which would leave the pool with a puzzling error). It is not
 * registered with {@code DriverManager}. MariaDB connections send their autocommit switches only when
 * a statement needs them ({@link LazyAutoCommit}).
 */
public final class RoutingDriver implements Driver {

    static final String MARIADB_PREFIX = "jdbc:mariadb:";
    static final String H2_PREFIX = "jdbc:h2:";

    private final Driver mariadb = new org.mariadb.jdbc.Driver();
    private final Driver h2 = new org.h2.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url == null || !url.startsWith(MARIADB_PREFIX)) {
            return delegateFor(url).connect(url, info);
        }
        Connection connection = mariadb.connect(url, withMariaDbDefaults(url, info));
        return connection == null ? null : LazyAutoCommit.wrap(connection);
    }

    /**
     * Server-side prepared statements unless the URL says otherwise: the driver's default sends each
     * statement as text with its values spliced in, which MariaDB parses again every time. Prepared
     * once per connection (the driver caches them), a GetUser costs MariaDB about a fifth less CPU
     * and the server's busiest reads about 20% more throughput (docs/benchmarks.md).
     */
    static Properties withMariaDbDefaults(String url, Properties info) {
        if (url.contains(SERVER_PREPARED) || (info != null && info.containsKey(SERVER_PREPARED))) {
            return info;
        }
        Properties withDefaults = new Properties();
        if (info != null) {
            withDefaults.putAll(info);
        }
        withDefaults.setProperty(SERVER_PREPARED, "true");
        return withDefaults;
    }

    private static final String SERVER_PREPARED = "useServerPrepStmts";

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith(MARIADB_PREFIX) || url.startsWith(H2_PREFIX));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegateFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("RoutingDriver does not use java.util.logging");
    }

    private Driver delegateFor(String url) throws SQLException {
        if (url != null && url.startsWith(MARIADB_PREFIX)) {
            return mariadb;
        }
        if (url != null && url.startsWith(H2_PREFIX)) {
            return h2;
        }
        throw new SQLException("Unsupported database URL '" + url + "': gatehouse db-url must start with "
                + MARIADB_PREFIX + " (MariaDB) or " + H2_PREFIX + " (embedded H2)", "08001");
    }
}
