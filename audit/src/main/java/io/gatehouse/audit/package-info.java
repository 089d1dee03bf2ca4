/**
 * Audit: the event model (a CloudTrail record), the outbox table written in the same transaction
 * as the work it records, the relay from the outbox to a Kafka topic (in order per account,
 * nothing lost), digests, and CloudTrail LookupEvents.
 *
 * <p>This package is the public face of the module: interfaces, records and exceptions only;
 * implementations will live in {@code .internal}, {@code .persistence} and {@code .api}.
 * Tables are prefixed {@code aud_}. Placeholder: nothing is implemented yet.
 */
package io.gatehouse.audit;
