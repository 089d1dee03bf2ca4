package io.gatehouse.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What a read-only call's answer relied on without reading it afresh (a cached state, say), checked
 * in the very transaction that stores the call's event ({@link AuditLog#recordNow(AuditEvent,
 * Precondition)}). That read happens after the call decided and before it answers, so when the
 * precondition still holds there, the answer was true at a moment within the call: the cache saved
 * a read per call, and one read serves many calls.
 *
 * <p>Preconditions of one kind share a {@link Check}, which judges all of a shared transaction's at
 * once.
 */
public interface Precondition {

    /** The check that judges this precondition, with the others of its kind. */
    Check check();

    /** Judges preconditions of one kind in the transaction that stores their events. */
    interface Check {
        /**
         * The preconditions among {@code preconditions} that no longer hold, read on {@code connection}
         * (in the storing transaction; do not commit, roll back or close it).
         */
        Set<Precondition> failing(Connection connection, List<Precondition> preconditions) throws SQLException;
    }
}
