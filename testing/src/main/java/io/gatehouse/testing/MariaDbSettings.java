package io.gatehouse.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Objects;

/**
 * Where the tests' MariaDB server is and how to log in to it.
 *
 * <p>Defaults to {@code root} with an empty password at {@code 127.0.0.1:3306}. Each value can be
 * overridden by a system property or, failing that, an environment variable of the same name:
 * {@code GATEHOUSE_TEST_DB_HOST}, {@code GATEHOUSE_TEST_DB_PORT}, {@code GATEHOUSE_TEST_DB_USER},
 * {@code GATEHOUSE_TEST_DB_PASSWORD}.
 *
 * @param host server host name or address
 * @param port server TCP port
 * @param user user allowed to create and drop databases
 * @param password that user's password, may be empty
 */
public record MariaDbSettings(String host, int port, String user, String password) {

    public static final String HOST = "GATEHOUSE_TEST_DB_HOST";
    public static final String PORT = "GATEHOUSE_TEST_DB_PORT";
    public static final String USER = "GATEHOUSE_TEST_DB_USER";
    public static final String PASSWORD = "GATEHOUSE_TEST_DB_PASSWORD";

    public MariaDbSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The settings from system properties and environment, with the defaults above. */
    public static MariaDbSettings fromEnvironment() {
        String port = lookup(PORT, "3306");
        try {
            return new MariaDbSettings(lookup(HOST, "127.0.0.1"), Integer.parseInt(port.trim()),
                    lookup(USER, "root"), lookup(PASSWORD, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " is not a port number: " + port, e);
        }
    }

    /** JDBC URL of the server itself, or of {@code database} on it when that is not empty. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    /**
     * Opens a connection to {@code database} (empty: no default database). Uses the MariaDB driver
     * directly rather than {@code DriverManager}, which may not see the driver from a test class
     * loader.
     */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return new org.mariadb.jdbc.Driver().connect(jdbcUrl(database), properties);
    }

    /** True when something accepts TCP connections at host:port (within one second). */
    public boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Same server, other port: used for a private instance. */
    MariaDbSettings withPort(int newPort) {
        return new MariaDbSettings(host, newPort, user, password);
    }

    private static String lookup(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return "MariaDbSettings[" + user + "@" + host + ":" + port + "]";
    }
}
