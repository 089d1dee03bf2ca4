package io.gatehouse.audit.internal;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link AuditLog} on the transactional outbox: each event is redacted ({@link Redactor}), written
 * as CloudTrail JSON ({@link CloudTrailJson}) and inserted into {@code aud_outbox}, one row, in the
 * caller's JTA transaction, or, for events without a change of their own, by the
 * {@link GroupCommitWriter} in a transaction shared with concurrent calls. The relay seals committed
 * rows later, indexes them for LookupEvents as it seals them ({@link LookupIndex}), and publishes
 * them to Kafka.
 *
 * <p>The caller's row is written with plain JDBC ({@link OutboxInserts}) on the transaction's own
 * connection: inside a JTA transaction the pool hands out the connection the transaction (and
 * Hibernate) already use, so the row commits and rolls back with the change it records, one
 * statement per event and none of Hibernate's per-entity work. A precondition the call relied on
 * ({@link #record(AuditEvent, Precondition)}) rides on that INSERT when it has a guard.
 *
 * <p>No active transaction (none, or one marked for rollback or ending): {@link AuditException}, nothing
 * written. The insert fails: the caller's transaction is marked for rollback, so the change cannot
 * commit without its event, and {@link AuditException} is thrown.
 */
@ApplicationScoped
public class OutboxAuditLog implements AuditLog {

    private final AgroalDataSource dataSource;
    private final TransactionManager transactions;
    private final GroupCommitWriter groupCommit;

    @Inject
    public OutboxAuditLog(AgroalDataSource dataSource, TransactionManager transactions,
            GroupCommitWriter groupCommit) {
        this.dataSource = dataSource;
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
        groupCommit.write(toRow(Redactor.redact(event)), precondition);
    }

    @Override
    public void record(AuditEvent event) {
        record(event, null);
    }

    @Override
    public void record(AuditEvent event, Precondition precondition) {
        Objects.requireNonNull(event, "event");
        requireActiveTransaction(event);
        OutboxEventEntity row = toRow(Redactor.redact(event));
        // The transaction's enlisted connection; closing this handle leaves the transaction open.
        try (Connection connection = dataSource.getConnection()) {
            if (!insert(connection, row, precondition)) {
                markRollbackOnly();
                throw new PreconditionFailedException("audit event " + event.eventID() + " not stored: what its"
                        + " call relied on has moved");
            }
        } catch (SQLException e) {
            markRollbackOnly();
            throw new AuditException("could not store audit event " + event.eventID(), e);
        }
    }

    /**
     * The row's insert under the precondition: carried by the INSERT itself when it has a guard,
     * else checked first. Returns whether the row was inserted (false: the precondition did not hold).
     */
    private static boolean insert(Connection connection, OutboxEventEntity row, Precondition precondition)
            throws SQLException {
        if (precondition == null) {
            return OutboxInserts.insertRow(connection, row) == 1;
        }
        Precondition.Guard guard = precondition.guard();
        if (guard != null) {
            return OutboxInserts.insertRowIf(connection, row, guard);
        }
        return precondition.check().failing(connection, List.of(precondition)).isEmpty()
                && OutboxInserts.insertRow(connection, row) == 1;
    }

    /**
     * Refuses to write without an active transaction to write in: outside one, the pool's
     * connection would commit the rows on their own, an event without its change; in one marked for
     * rollback, they could not commit anyway.
     */
    private void requireActiveTransaction(AuditEvent event) {
        int status;
        try {
            status = transactions.getStatus();
        } catch (SystemException e) {
            throw new AuditException("could not store audit event " + event.eventID(), e);
        }
        if (status == Status.STATUS_NO_TRANSACTION) {
            throw new AuditException("audit event " + event.eventName() + " recorded outside a transaction;"
                    + " AuditLog.record must run in the transaction of the change it records");
        }
        if (status != Status.STATUS_ACTIVE) {
            throw new AuditException("audit event " + event.eventID() + " not stored: its transaction is marked"
                    + " for rollback or ending (status " + status + ")");
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
        row.payload = bounded(event);
        // Only here, next to the write that makes it true: the relay trusts it without checking.
        row.payloadCanonical = true;
        row.managementEvent = event.managementEvent();
        return row;
    }

    /**
     * The most a stored record may take, in UTF-8 bytes: well under what Kafka takes in one message
     * (1 MiB by default), so that no record can stop the relay. Legitimate calls stay far below it
     * (the largest IAM input, a 128 KiB inline policy document, fits); a bigger record is a request
     * that would be refused anyway, possibly sent to fill the trail.
     */
    static final int MAX_RECORD_BYTES = 256 * 1024;
    /** What is kept of a free-text field (error message, user agent) of an oversized record. */
    private static final int MAX_TEXT = 2048;

    /**
     * The event's record, within {@link #MAX_RECORD_BYTES}: when it is over, its request parameters,
     * response elements and additional data are each replaced by a note of their size, and its
     * free-text fields are shortened. The call is still recorded, with who made it, when and how it
     * ended.
     */
    static String bounded(AuditEvent event) {
        byte[] payload = CloudTrailJson.writeUtf8(event);
        if (payload.length <= MAX_RECORD_BYTES) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        int size = payload.length;
        AuditEvent smaller = event.toBuilder()
                .requestParameters(omitted("requestParameters", event.requestParameters(), size))
                .responseElements(omitted("responseElements", event.responseElements(), size))
                .additionalEventData(omitted("additionalEventData", event.additionalEventData(), size))
                .errorMessage(shortened(event.errorMessage()))
                .userAgent(shortened(event.userAgent()))
                .build();
        return CloudTrailJson.write(smaller);
    }

    private static Map<String, ?> omitted(String field, Map<String, ?> value, int recordSize) {
        if (value == null) {
            return null;
        }
        return Map.of("gatehouseOmitted", field + " left out: the record was " + recordSize
                + " bytes, over the limit of " + MAX_RECORD_BYTES);
    }

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...(shortened)";
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
