package io.gatehouse.identity;

/**
 * When the request being served on this thread started. Authentication reads an account's policy
 * epoch on every request; a read that another request began after this one started saw every
 * change committed before this request arrived, so it may serve this request too (see
 * {@code AccountStates}). Every entry point that authenticates opens a scope for the request's
 * work and closes it after: {@code try (RequestStart.Scope started = RequestStart.begin()) {...}}.
 */
public final class RequestStart {
    private static final ThreadLocal<long[]> STARTED = new ThreadLocal<>();

    /** Ends the request's scope on this thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private RequestStart() {}

    /** Marks now ({@link System#nanoTime()}) as the start of the request served on this thread. */
    public static Scope begin() {
        STARTED.set(new long[] {System.nanoTime()});
        return STARTED::remove;
    }

    /** Whether a request's scope is open on this thread. */
    public static boolean open() {
        return STARTED.get() != null;
    }

    /** The start of the request served on this thread; only meaningful when {@link #open()}. */
    public static long nanos() {
        long[] started = STARTED.get();
        return started == null ? Long.MAX_VALUE : started[0];
    }
}
