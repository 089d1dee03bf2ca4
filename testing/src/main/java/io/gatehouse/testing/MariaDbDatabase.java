package io.gatehouse.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A throw-away MariaDB database for one test run, over plain JDBC (no Quarkus needed).
 *
 * <p>{@link #create()} finds the server described by {@link MariaDbSettings#fromEnvironment()}
 * (by default root at 127.0.0.1:3306). If nothing listens there and {@code mariadbd} is installed,
 * it starts a {@link PrivateMariaDb} instead; if neither, it fails with a message saying what to
 * install or set. It then creates a database named {@code gatehouse_test_<random>}.
 * {@link #close()} drops that database and stops the private server, if one was started.
 */
public final class MariaDbDatabase implements AutoCloseable {

    /** Prefix of every database this fixture creates. */
    public static final String NAME_PREFIX = "gatehouse_test_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MariaDbSettings server;
    private final String name;
    private final PrivateMariaDb privateServer;

    private MariaDbDatabase(MariaDbSettings server, String name, PrivateMariaDb privateServer) {
        this.server = server;
        this.name = name;
        this.privateServer = privateServer;
    }

    /** A new database on the server from {@link MariaDbSettings#fromEnvironment()}. */
    public static MariaDbDatabase create() {
        return create(MariaDbSettings.fromEnvironment());
    }

    /** A new database on the server at {@code settings}, or on a private server if none listens. */
    public static MariaDbDatabase create(MariaDbSettings settings) {
        PrivateMariaDb privateServer = null;
        MariaDbSettings server = settings;
        if (!settings.reachable()) {
            Path binary = PrivateMariaDb.findServerBinary();
            if (binary == null) {
                throw new IllegalStateException("No MariaDB at " + settings.host() + ":" + settings.port()
                        + " and no mariadbd installed: install mariadb-server or set "
                        + MariaDbSettings.HOST + " (and " + MariaDbSettings.PORT + ", "
                        + MariaDbSettings.USER + ", " + MariaDbSettings.PASSWORD + ")");
            }
            privateServer = PrivateMariaDb.start(binary);
            server = privateServer.settings();
        }
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = NAME_PREFIX + HexFormat.of().formatHex(suffix);
        try {
            execute(server, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (RuntimeException e) {
            if (privateServer != null) {
                privateServer.close();
            }
            throw e;
        }
        return new MariaDbDatabase(server, name, privateServer);
    }

    /** {@code jdbc:mariadb://host:port/<database>}. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String username() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** The database's name, {@code gatehouse_test_} and 12 hex digits. */
    public String name() {
        return name;
    }

    /** True when this database lives on a server the fixture started itself. */
    public boolean onPrivateServer() {
        return privateServer != null;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Drops the database, then stops the private server if there is one. Safe to call twice. */
    @Override
    public void close() {
        try {
            execute(server, "DROP DATABASE IF EXISTS `" + name + "`");
        } finally {
            if (privateServer != null) {
                privateServer.close();
            }
        }
    }

    private static void execute(MariaDbSettings server, String sql) {
        try (Connection connection = server.connect("");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server + ": " + e.getMessage(), e);
        }
    }
}
