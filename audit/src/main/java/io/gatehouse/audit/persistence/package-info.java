/**
 * The {@code aud_} tables' Hibernate mappings: {@link io.gatehouse.audit.persistence.OutboxEventEntity}
 * and {@link io.gatehouse.audit.persistence.OutboxResourceEntity}, which LookupEvents reads (the
 * audit log writes their rows with plain JDBC). The schema comes from the Flyway migrations in
 * {@code db/migration/audit}. Not for other modules.
 */
package io.gatehouse.audit.persistence;
