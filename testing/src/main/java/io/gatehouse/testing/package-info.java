/**
 * Test fixtures shared by the modules' tests, used only in test scope.
 *
 * <p>{@link io.gatehouse.testing.MariaDbDatabase} gives a test its own throw-away MariaDB database
 * over plain JDBC; {@link io.gatehouse.testing.MariaDbTestResource} does the same for a
 * {@code @QuarkusTest} and hands the database to the application as {@code gatehouse.db-*}
 * configuration. {@link io.gatehouse.testing.KafkaBroker} and
 * {@link io.gatehouse.testing.KafkaTestResource} do the same for a real single-node Kafka broker.
 */
package io.gatehouse.testing;
