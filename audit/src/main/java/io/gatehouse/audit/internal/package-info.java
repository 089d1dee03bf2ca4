/**
 * The audit log's implementation: {@link io.gatehouse.audit.internal.OutboxAuditLog} (the
 * {@link io.gatehouse.audit.AuditLog} bean), {@link io.gatehouse.audit.internal.Redactor} (secrets
 * out before anything is stored) and {@link io.gatehouse.audit.internal.CloudTrailJson} (the
 * record's wire format). Not for other modules.
 */
package io.gatehouse.audit.internal;
