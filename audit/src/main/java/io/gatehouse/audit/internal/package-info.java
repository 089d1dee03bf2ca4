/**
 * The audit log's implementation: {@link io.gatehouse.audit.internal.OutboxAuditLog} (the
 * {@link io.gatehouse.audit.AuditLog} bean), {@link io.gatehouse.audit.internal.Redactor} (secrets
 * out before anything is stored), {@link io.gatehouse.audit.internal.CloudTrailJson} (the record's
 * wire format) and {@link io.gatehouse.audit.internal.OutboxEventHistory} (LookupEvents, over the
 * index {@link io.gatehouse.audit.internal.LookupIndex} describes and the relay's sealer builds).
 * Not for other modules.
 */
package io.gatehouse.audit.internal;
