/**
 * The {@code aud_} tables' Hibernate mapping: {@link io.gatehouse.audit.persistence.OutboxEventEntity},
 * an outbox row as the audit log builds it (it writes and LookupEvents reads the rows with plain JDBC).
 * The schema comes from the Flyway migrations in {@code db/migration/audit}. Not for other modules.
 */
package io.gatehouse.audit.persistence;
