/**
 * Audit: the event model (a CloudTrail record), the outbox table written in the same transaction
 * as the work it records, the relay from the outbox to a Kafka topic (in order per account,
 * nothing lost), digests, and CloudTrail LookupEvents.
 *
 * <p>This package is the public face of the module: {@link io.gatehouse.audit.AuditEvent} and
 * {@link io.gatehouse.audit.UserIdentity} (the record), {@link io.gatehouse.audit.AuditLog} (where
 * every module records its calls, inside its own transaction) and
 * {@link io.gatehouse.audit.AuditException}. Implementations live in {@code .internal} and
 * {@code .persistence}. Tables are prefixed {@code aud_}; migrations are under
 * {@code db/migration/audit}. The Kafka relay, digests and LookupEvents come later.
 */
package io.gatehouse.audit;
