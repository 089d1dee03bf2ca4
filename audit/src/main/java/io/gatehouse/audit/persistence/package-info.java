/**
 * The {@code aud_} tables: {@link io.gatehouse.audit.persistence.OutboxEventEntity} and its
 * repository. The schema comes from the Flyway migrations in {@code db/migration/audit}. Not for
 * other modules.
 */
package io.gatehouse.audit.persistence;
