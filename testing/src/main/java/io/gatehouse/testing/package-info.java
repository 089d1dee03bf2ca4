/**
 * Test fixtures shared by the modules' tests, used only in test scope.
 *
 * <p>{@link io.gatehouse.testing.MariaDbDatabase} gives a test its own throw-away MariaDB database
 * over plain JDBC; {@link io.gatehouse.testing.MariaDbTestResource} does the same for a
 * {@code @QuarkusTest} and hands the database to the application as {@code gatehouse.db-*}
 * configuration. Kafka and AWS SDK client fixtures come later.
 */
package io.gatehouse.testing;
