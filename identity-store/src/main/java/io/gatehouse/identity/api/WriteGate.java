package io.gatehouse.identity.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many write calls run their transactions at once ({@code write-concurrency}); the others wait
 * in line, first come first served, parked rather than runnable.
 *
 * <p>Without it every waiting client had a running transaction: 32 clients of CreateUser and
 * DeleteUser kept 32 worker threads and 16 database connections busy on two cores, and a call's
 * latency depended on how the scheduler happened to share the cores out among them. With four at
 * a time the same throughput came with a p99 about a third lower and less CPU per call
 * (docs/benchmarks.md). Read-only calls are not gated: they share the audit's group commits, which
 * need many of them waiting at once.
 */
@ApplicationScoped
public class WriteGate {

    @ConfigProperty(name = "gatehouse.write-concurrency", defaultValue = "auto")
    String configured;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(size(configured, Runtime.getRuntime().availableProcessors()), true);
    }

    /**
     * The number of write transactions at once: {@code auto} is twice the processors, at least 4 (a
     * write waits on the database about half of its time); otherwise a positive number.
     *
     * @throws IllegalArgumentException for anything else, which stops the start with that message
     */
    static int size(String configured, int processors) {
        if (configured.equals("auto")) {
            return Math.max(4, 2 * processors);
        }
        try {
            int size = Integer.parseInt(configured.trim());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("write-concurrency must be auto or a positive number, not '"
                + configured + "'");
    }

    /** Waits for the write's turn; pair with {@link #leave()} in a finally block. */
    void enter() {
        permits.acquireUninterruptibly();
    }

    void leave() {
        permits.release();
    }
}
