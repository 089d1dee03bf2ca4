package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import io.gatehouse.audit.persistence.OutboxEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionalException;
import java.util.Objects;

/**
 * {@link AuditLog} on the transactional outbox: each event is redacted ({@link Redactor}), written
 * as CloudTrail JSON ({@link CloudTrailJson}) and inserted into {@code aud_outbox} in the caller's
 * transaction ({@code TxType.MANDATORY}), or, for events without a change of their own, by the
 * {@link GroupCommitWriter} in a transaction shared with concurrent calls. The Kafka relay publishes
 * committed rows later.
 *
 * <p>No transaction: {@link AuditException}, nothing written. The insert fails: the caller's
 * transaction is marked for rollback, so the change cannot commit without its event, and
 * {@link AuditException} is thrown.
 */
@ApplicationScoped
public class OutboxAuditLog implements AuditLog {

    private final OutboxEventRepository outbox;
    private final TransactionManager transactions;
    private final GroupCommitWriter groupCommit;

    /** The event's resources, for LookupEvents' resource filters (written right after the row). */
    @Inject
    EventResources eventResources;

    @Inject
    public OutboxAuditLog(OutboxEventRepository outbox, TransactionManager transactions,
            GroupCommitWriter groupCommit) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.groupCommit = groupCommit;
    }

    @Override
    public void recordNow(AuditEvent event) {
        recordNow(event, null);
    }

    @Override
    public void recordNow(AuditEvent event, Precondition precondition) {
        Objects.requireNonNull(event, "event");
        AuditEvent redacted = Redactor.redact(event);
        groupCommit.write(toRow(redacted), redacted.resources(), precondition);
    }

    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        AuditEvent redacted = Redactor.redact(event);
        OutboxEventEntity row = toRow(redacted);
        try {
            outbox.insert(row);
            eventResources.record(row, redacted.resources());
        } catch (TransactionalException e) {
            // TxType.MANDATORY refused: there is no caller's transaction to join.
            throw new AuditException("audit event " + event.eventName() + " recorded outside a transaction;"
                    + " AuditLog.record must run in the transaction of the change it records", e);
        } catch (PersistenceException e) {
            markRollbackOnly();
            throw new AuditException("could not store audit event " + event.eventID(), e);
        }
    }

    /** The event's row: its record as {@link CloudTrailJson#write} writes it, marked canonical. */
    static OutboxEventEntity toRow(AuditEvent event) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = event.eventID();
        row.accountId = event.recipientAccountId();
        row.eventTime = event.eventTime();
        row.eventSource = event.eventSource();
        row.eventName = event.eventName();
        row.username = lookupUserName(event.userIdentity());
        row.accessKeyId = event.userIdentity().accessKeyId();
        row.readOnly = event.readOnly();
        row.errorCode = event.errorCode();
        row.payload = CloudTrailJson.write(event);
        // Only here, next to the write that makes it true: the relay trusts it without checking.
        row.payloadCanonical = true;
        return row;
    }

    /**
     * The name LookupEvents' {@code Username} attribute matches, as CloudTrail's event history
     * shows it: the user's name; for a role or federated session the session name (the ARN's last
     * segment); {@code root} for the root user.
     */
    static String lookupUserName(UserIdentity identity) {
        if (identity.userName() != null) {
            return identity.userName();
        }
        return switch (identity.type()) {
            case ROOT -> "root";
            case ASSUMED_ROLE, FEDERATED_USER -> identity.arn() == null ? null
                    : identity.arn().substring(identity.arn().lastIndexOf('/') + 1);
            default -> null;
        };
    }

    private void markRollbackOnly() {
        try {
            if (transactions.getStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly();
            }
        } catch (SystemException | IllegalStateException e) {
            // The transaction is already ending; the AuditException still stops the caller.
        }
    }
}
