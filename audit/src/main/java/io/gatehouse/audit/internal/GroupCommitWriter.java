package io.gatehouse.audit.internal;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
    private static final String COLUMNS = "INSERT INTO aud_outbox (event_id, account_id, event_time, event_source,"
            + " event_name, username, access_key_id, read_only, error_code, payload) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String RESOURCE = "INSERT INTO aud_outbox_resource (outbox_id, account_id, resource_type,"
            + " resource_name, resource_arn) SELECT id, account_id, ?, ?, ? FROM aud_outbox WHERE event_id = ?";

    private record Pending(OutboxEventEntity row, List<AuditEvent.Resource> resources, CompletableFuture<Void> done) {
    }

    private final AgroalDataSource dataSource;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean running = true;

    @Inject
    public GroupCommitWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::run, "audit-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Stores {@code row} and its resources' rows ({@link EventResources}) in a shared transaction;
     * returns once they are committed.
     */
    public void write(OutboxEventEntity row, List<AuditEvent.Resource> resources) {
        Pending pending = new Pending(row, resources == null ? List.of() : resources, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new AuditException("audit event " + row.eventId + " not stored: the audit writer is "
                    + (running ? "overloaded" : "stopped"), null);
        }
        try {
            pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
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
                RuntimeException failure = commit(batch);
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
    }

    /** Inserts and commits the batch; null when it is stored, else what went wrong. */
    private RuntimeException commit(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + batch.size() * (ROW.length() + 2)).append(COLUMNS);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int p = 1;
                for (Pending pending : batch) {
                    p = bind(insert, p, pending.row());
                }
                insert.executeUpdate();
                insertResources(connection, batch);
                connection.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("could not store %d audit events: %s", batch.size(), e.getMessage());
            return new IllegalStateException("audit batch not stored: " + e.getMessage(), e);
        }
    }

    /**
     * The resources' rows, keyed to their events' new ids by eventID (unique). One statement each:
     * MariaDB's bulk protocol does not take INSERT ... SELECT.
     */
    private static void insertResources(Connection connection, List<Pending> batch) throws SQLException {
        if (batch.stream().allMatch(p -> p.resources().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(RESOURCE)) {
            for (Pending pending : batch) {
                for (AuditEvent.Resource resource : pending.resources()) {
                    EventResources.Columns columns = EventResources.columns(resource);
                    insert.setString(1, columns.type());
                    insert.setString(2, columns.name());
                    insert.setString(3, columns.arn());
                    insert.setString(4, pending.row().eventId);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static int bind(PreparedStatement insert, int p, OutboxEventEntity row) throws SQLException {
        insert.setString(p++, row.eventId);
        insert.setString(p++, row.accountId);
        // DATETIME(6) holds UTC: bind the wall-clock time in UTC, whatever the JVM's zone.
        insert.setObject(p++, LocalDateTime.ofInstant(row.eventTime, ZoneOffset.UTC));
        insert.setString(p++, row.eventSource);
        insert.setString(p++, row.eventName);
        insert.setString(p++, row.username);
        insert.setString(p++, row.accessKeyId);
        insert.setBoolean(p++, row.readOnly);
        insert.setString(p++, row.errorCode);
        insert.setString(p++, row.payload);
        return p;
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
