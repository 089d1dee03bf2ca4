package io.gatehouse.audit;

/**
 * Where every API call's event goes: allowed, denied or failed, one {@link AuditEvent} each.
 *
 * <p>{@link #record} must be called inside the caller's transaction, the one that makes the change
 * the event describes: the event commits or rolls back with it, so a change is never visible
 * without its event and a rolled-back change leaves none. A denied or failed call has no change of
 * its own; record its event in a transaction that commits.
 *
 * <p>Secrets are removed before the event is stored (passwords, secret keys, session tokens, MFA
 * codes, assertions; see the implementation for the list), but callers should not pass them in the
 * first place.
 */
public interface AuditLog {

    /**
     * Adds {@code event} to the caller's transaction.
     *
     * @throws AuditException when there is no active transaction, or the event cannot be stored; the
     *     caller's transaction is then marked for rollback if there is one
     * @throws NullPointerException when {@code event} is null
     */
    void record(AuditEvent event);

    /**
     * {@link #record(AuditEvent)}, provided that {@code precondition} still holds in the caller's
     * transaction, judged by the event's own INSERT when it has a {@linkplain Precondition#guard()
     * guard} (no read of its own), else by its check; a null precondition always holds.
     *
     * @throws PreconditionFailedException when it does not hold: nothing is stored, the caller's
     *     transaction is marked for rollback, and the call must be made again, reading afresh
     * @throws AuditException as {@link #record(AuditEvent)}
     */
    void record(AuditEvent event, Precondition precondition);

    /**
     * Stores an event that has no change of its own to commit with (a read-only call, a refused or
     * failed one) in a transaction shared with concurrent callers, and returns once it is
     * committed. Never call it for an event that describes a change: use {@link #record} in the
     * change's transaction.
     *
     * @throws AuditException when the event could not be stored; the call must then not be answered
     *     as if it had been recorded
     * @throws NullPointerException when {@code event} is null
     */
    void recordNow(AuditEvent event);

    /**
     * {@link #recordNow(AuditEvent)}, provided that {@code precondition} still holds in the
     * transaction that stores the event; a null precondition always holds.
     *
     * @throws PreconditionFailedException when it does not hold: nothing is stored, and the call must
     *     be made again, reading afresh
     * @throws AuditException when the event could not be stored
     */
    void recordNow(AuditEvent event, Precondition precondition);
}
