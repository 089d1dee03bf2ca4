package io.gatehouse.audit.internal;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes outbox rows that have no change of their own to commit with (read-only calls, refusals) in
 * shared transactions: one writer thread takes whatever rows are waiting (up to {@value #MAX_BATCH}),
 * inserts them with one multi-row INSERT, commits once, and only then releases their callers. Under
 * load, many calls share one commit (and one log flush) instead of paying one each; alone, a call
 * waits for its own commit, as before.
 *
 * <p>{@link #write} returns when the row is committed and throws {@link AuditException} when it is
 * not (database down, queue full, shutting down): the caller must then not answer as if the call had
 * been recorded.
 */
@ApplicationScoped
public class GroupCommitWriter {
    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);
    static final int MAX_BATCH = 200;
    private static final int QUEUE = 20_000;
    private static final long WAIT_SECONDS = 30;
    private record Pending(OutboxEventEntity row, Precondition precondition, CompletableFuture<Void> done) {
    }

    private final AgroalDataSource dataSource;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean running = true;
    /** Only the writer thread's ({@link #connection()}); given back when it stops. */
    private Connection own;

    @Inject
    public GroupCommitWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::run, "audit-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Stores {@code row} in a shared transaction, provided that {@code precondition} (nullable) holds
     * in it; returns once it is committed.
     *
     * @throws PreconditionFailedException when the precondition did not hold: nothing was stored
     */
    public void write(OutboxEventEntity row, Precondition precondition) {
        Pending pending = new Pending(row, precondition, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new AuditException("audit event " + row.eventId + " not stored: the audit writer is "
                    + (running ? "overloaded" : "stopped"), null);
        }
        try {
            pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PreconditionFailedException failed) {
                throw failed;
            }
            throw new AuditException("could not store audit event " + row.eventId, e.getCause());
        } catch (TimeoutException e) {
            throw new AuditException("audit event " + row.eventId + " not committed within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while storing audit event " + row.eventId, e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                RuntimeException failure = commit(batch); // leaves only the entries it stored or failed to
                for (Pending pending : batch) {
                    if (failure == null) {
                        pending.done().complete(null);
                    } else {
                        pending.done().completeExceptionally(failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // Never lose the thread: whatever went wrong, fail the batch's callers and go on.
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("audit writer stopped")));
        discard();
    }

    /**
     * Checks the batch's preconditions, inserts the rows of those that hold and commits; null when
     * that is done, else what went wrong. Callers whose precondition failed are told so here. A
     * failure on the connection kept from earlier batches is tried once more on a new one: a kept
     * connection may have gone stale (the database restarted, or closed it after a long idle time).
     */
    private RuntimeException commit(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            boolean kept = own != null;
            try {
                Connection connection = connection();
                try {
                    List<Pending> storing = holding(connection, batch);
                    if (!storing.isEmpty()) {
                        OutboxInserts.insertRows(connection, storing.stream().map(Pending::row).toList());
                    }
                    connection.commit();
                    return null;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException | RuntimeException e) {
                discard();
                if (kept && attempt == 1) {
                    LOG.debugf("audit batch failed on a kept connection (%s); once more on a new one", e.getMessage());
                    continue;
                }
                LOG.errorf("could not store %d audit events: %s", batch.size(), e.getMessage());
                return new IllegalStateException("audit batch not stored: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The writer thread's own connection, kept from batch to batch in manual-commit mode: taking one
     * from the pool for each batch cost two more round trips per batch (autocommit off, and on again
     * on its return), a third of a cached read-only call's statements.
     */
    private Connection connection() throws SQLException {
        if (own == null) {
            Connection fresh = dataSource.getConnection();
            try {
                fresh.setAutoCommit(false);
            } catch (SQLException e) {
                fresh.close();
                throw e;
            }
            own = fresh;
        }
        return own;
    }

    /** Gives the kept connection back to the pool (which resets or drops it), if there is one. */
    private void discard() {
        Connection connection = own;
        own = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("closing the audit writer's connection: %s", e.getMessage());
            }
        }
    }

    /**
     * The batch's entries whose precondition holds (or that have none), read in the storing
     * transaction, one check per kind; the others are removed from {@code batch} and failed with
     * {@link PreconditionFailedException}.
     */
    private static List<Pending> holding(Connection connection, List<Pending> batch) throws SQLException {
        Map<Precondition.Check, List<Precondition>> byCheck = new IdentityHashMap<>();
        for (Pending pending : batch) {
            if (pending.precondition() != null) {
                byCheck.computeIfAbsent(pending.precondition().check(), c -> new ArrayList<>())
                        .add(pending.precondition());
            }
        }
        if (byCheck.isEmpty()) {
            return batch;
        }
        Set<Precondition> failing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<Precondition.Check, List<Precondition>> kind : byCheck.entrySet()) {
            failing.addAll(kind.getKey().failing(connection, kind.getValue()));
        }
        List<Pending> holding = new ArrayList<>(batch.size());
        for (Iterator<Pending> it = batch.iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (pending.precondition() != null && failing.contains(pending.precondition())) {
                it.remove();
                pending.done().completeExceptionally(new PreconditionFailedException(
                        "what the call relied on changed before its event was stored"));
            } else {
                holding.add(pending);
            }
        }
        return holding;
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
