/**
 * Audit: the event model (a CloudTrail record), the outbox table written in the same transaction
 * as the work it records, the relay from the outbox to a Kafka topic (in order per account,
 * nothing lost), digests, and CloudTrail LookupEvents.
 *
 * <p>This package is the public face of the module: {@link io.gatehouse.audit.AuditEvent} and
 * {@link io.gatehouse.audit.UserIdentity} (the record), {@link io.gatehouse.audit.AuditLog} (where
 * every module records its calls, inside its own transaction),
 * {@link io.gatehouse.audit.EventHistory} (LookupEvents: {@link io.gatehouse.audit.LookupQuery} in,
 * {@link io.gatehouse.audit.LookupPage} out, {@link io.gatehouse.audit.InvalidNextTokenException}
 * for a token of another query) and {@link io.gatehouse.audit.AuditException}. Implementations
 * live in {@code .internal} and {@code .persistence}. Tables are prefixed {@code aud_}; migrations
 * are under {@code db/migration/audit}. {@link io.gatehouse.audit.KeyProtection} is what the module
 * needs from outside (sealing its signing key under the master key);
 * {@link io.gatehouse.audit.AuditStreams} and {@link io.gatehouse.audit.ValidationReport} check a
 * stream without the server. The relay, chains and digests are in {@code .internal}; see
 * docs/audit.md.
 */
package io.gatehouse.audit;
