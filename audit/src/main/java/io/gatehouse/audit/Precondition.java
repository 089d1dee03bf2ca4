package io.gatehouse.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What a call's answer relied on without reading it afresh (a cached state, say), checked
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

    /**
     * This precondition as an SQL condition that the INSERT of a call's event can carry, so that a
     * call writing in its own transaction ({@link AuditLog#record(AuditEvent, Precondition)}) pays no
     * read for it; null when it has none, and then its {@link #check()} reads.
     */
    default Guard guard() {
        return null;
    }

    /**
     * A boolean SQL condition, judged by the database in the storing transaction's own statement.
     * Its reads see the latest committed state: the INSERT that carries it reads the rows it names
     * as a locking read on MariaDB.
     */
    interface Guard {
        /** The condition, with {@code ?} parameters (such as {@code EXISTS (SELECT 1 FROM t WHERE ...)}). */
        String condition();

        /** Binds the condition's parameters from index {@code at}; returns the index after them. */
        int bind(PreparedStatement statement, int at) throws SQLException;
    }

    /** Judges preconditions of one kind in the transaction that stores their events. */
    interface Check {
        /**
         * The preconditions among {@code preconditions} that no longer hold, read on {@code connection}
         * (in the storing transaction; do not commit, roll back or close it).
         */
        Set<Precondition> failing(Connection connection, List<Precondition> preconditions) throws SQLException;
    }
}
