package io.gatehouse.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} its own MariaDB database (see {@link MariaDbDatabase}) and points
 * the application at it.
 *
 * <p>{@link #start()} returns {@code gatehouse.db-url} ({@code jdbc:mariadb://host:port/<db>}),
 * {@code gatehouse.db-username} and {@code gatehouse.db-password}; {@link #stop()} drops the
 * database and stops a private server if one was started.
 */
public class MariaDbTestResource implements QuarkusTestResourceLifecycleManager {

    private MariaDbDatabase database;

    @Override
    public Map<String, String> start() {
        database = MariaDbDatabase.create();
        return Map.of(
                "gatehouse.db-url", database.jdbcUrl(),
                "gatehouse.db-username", database.username(),
                "gatehouse.db-password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
