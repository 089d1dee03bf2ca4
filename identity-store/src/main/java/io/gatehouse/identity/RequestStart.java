package io.gatehouse.identity;

import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import java.util.function.Supplier;

/**
 * The request being served on this thread: when it started, and what it relied on without reading
 * it afresh. Authentication needs an account's policy epoch on every request ({@code AccountStates});
 * a read that another request began after this one started saw every change committed before this
 * request arrived, so it may serve this request too, and a request may even use an older one,
 * provided that the state it found still holds when the request's audit record is stored
 * ({@link #precondition()}, checked by {@code AuditLog.recordNow}, or by the INSERT of the record in
 * a transaction that {@linkplain #recordsWithPrecondition() declared} it stores it so). When it does
 * not, the request is made again, {@linkplain #readAfresh() reading afresh}.
 *
 * <p>Every entry point that authenticates runs its request through {@link #serve}.
 */
public final class RequestStart {
    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private static final class Request {
        final long started = System.nanoTime();
        boolean afresh;
        Precondition precondition;
        boolean recordsWithPrecondition;
        boolean changedState;
    }

    private RequestStart() {}

    /**
     * Serves one request on this thread, its start marked now ({@link System#nanoTime()}): one
     * attempt, and when what it relied on moved before its record was stored (nothing of that attempt
     * was recorded or answered), a second one that reads afresh.
     */
    public static <T> T serve(Supplier<T> attempt) {
        CURRENT.set(new Request());
        try {
            try {
                return attempt.get();
            } catch (PreconditionFailedException moved) {
                readAfresh();
                return attempt.get();
            }
        } finally {
            CURRENT.remove();
        }
    }

    /** Whether a request's scope is open on this thread. */
    public static boolean open() {
        return CURRENT.get() != null;
    }

    /** The start of the request served on this thread; only meaningful when {@link #open()}. */
    public static long nanos() {
        Request request = CURRENT.get();
        return request == null ? Long.MAX_VALUE : request.started;
    }

    /**
     * From now on the request reads what it relies on afresh (reads that began after it started),
     * and relies on nothing read before.
     */
    private static void readAfresh() {
        Request request = CURRENT.get();
        if (request != null) {
            request.afresh = true;
            request.precondition = null;
        }
    }

    /** Whether the request must read afresh (no scope: always). */
    public static boolean readsAfresh() {
        Request request = CURRENT.get();
        return request == null || request.afresh;
    }

    /**
     * Declares that the request's transaction stores its record with the request's
     * {@linkplain #precondition() precondition} ({@code AuditLog.record(event, precondition)}), so
     * that reads inside it may rely on older ones too ({@link #reliesInTransaction()}). Ignored
     * without a scope.
     */
    public static void recordsWithPrecondition() {
        Request request = CURRENT.get();
        if (request != null) {
            request.recordsWithPrecondition = true;
        }
    }

    /**
     * Marks that the request's transaction changed a state that requests rely on (it bumped an
     * account's policy epoch): from now on, reads inside it see that change, read in the transaction.
     */
    public static void changedState() {
        Request request = CURRENT.get();
        if (request != null) {
            request.changedState = true;
        }
    }

    /**
     * Whether a read inside the request's transaction may rely on an older read, as outside one:
     * when the transaction stores its record with the precondition ({@link #recordsWithPrecondition()}),
     * the request does not read afresh, and the transaction has not changed such a state itself.
     */
    public static boolean reliesInTransaction() {
        Request request = CURRENT.get();
        return request != null && request.recordsWithPrecondition && !request.afresh && !request.changedState;
    }

    /**
     * What the request relied on without reading it afresh, for {@code AuditLog.recordNow} and
     * {@code AuditLog.record}; null when nothing.
     */
    public static Precondition precondition() {
        Request request = CURRENT.get();
        return request == null ? null : request.precondition;
    }

    /** Sets what {@link #precondition()} answers; ignored without a scope. */
    public static void precondition(Precondition precondition) {
        Request request = CURRENT.get();
        if (request != null) {
            request.precondition = precondition;
        }
    }
}
