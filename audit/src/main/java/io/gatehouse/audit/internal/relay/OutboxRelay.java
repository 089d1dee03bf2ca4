package io.gatehouse.audit.internal.relay;

import io.gatehouse.audit.internal.relay.KafkaPublisher.Outgoing;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import javax.sql.DataSource;

/**
 * One replica's relay, as steps: {@link #lead()} takes or renews the lease; {@link #seal()} seals
 * committed rows into the chains; {@link #send()} publishes sealed, unpublished rows (events, then
 * digests) as one Kafka transaction and returns them once it is committed; {@link #markPublished}
 * stamps those rows. A row is marked only after its batch's commit, so a relay that dies between {@link #send()} and
 * {@link #markPublished} leaves the rows for its successor to publish again (at-least-once;
 * consumers drop repeats by {@code eventID}). {@link #runOnce()} is one round of all of it.
 * One thread may drive it all, or two: one leading and sealing ({@link #lead()}, {@link #seal()}),
 * one publishing ({@link #send()}, {@link #markPublished}); each method belongs to one side.
 */
public final class OutboxRelay implements AutoCloseable {

    /**
     * A batch {@link #send()} published: Kafka committed it. Its events are every sealed row after
     * the last published one up to {@code lastSealNo} (0 when it holds digests only).
     */
    public record Sent(List<Long> eventIds, long lastSealNo, List<Long> digestIds) {
        public int size() {
            return eventIds.size() + digestIds.size();
        }
    }

    /** Writes digests when they are due; {@link #NONE} when digests are off. */
    public interface DigestStep {
        DigestStep NONE = (connection, holder, now) -> 0;

        /** In the caller's transaction, holding the lease row's lock: writes due digests, returns how many. */
        int writeDue(Connection connection, String holder, Instant now) throws SQLException;
    }

    private final DataSource dataSource;
    private final RelaySettings settings;
    private final DigestStep digests;
    private final Clock clock;
    // Batches this relay sealed and committed, in seal order, for the publishing side to send
    // without reading them back; the database stays the source of truth (see nextEvents).
    private final LinkedBlockingDeque<List<Outgoing>> sealedAhead = new LinkedBlockingDeque<>(4);
    // Publishing side only.
    private Sent pending;
    private KafkaPublisher publisher;
    private long lastPublishedSealNo = -1; // -1: unknown, read the database
    // Shared by both sides.
    private volatile boolean leader;
    private volatile boolean startOver;
    private Instant renewedAt = Instant.EPOCH;

    public OutboxRelay(DataSource dataSource, RelaySettings settings, DigestStep digests, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.digests = digests;
        this.clock = clock;
    }

    public RelaySettings settings() {
        return settings;
    }

    public boolean isLeader() {
        return leader;
    }

    /**
     * Takes or renews the lease (renewal is written at most every tenth of the lease: sealing
     * checks the lease in its own transaction anyway); true while this relay is the active one.
     */
    public boolean lead() throws SQLException {
        Instant now = clock.instant();
        if (leader && now.isBefore(renewedAt.plus(settings.lease().dividedBy(10)))) {
            return true;
        }
        boolean held;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            held = Lease.acquire(connection, settings.holder(), now, now.plus(settings.lease()));
        }
        if (held) {
            renewedAt = now;
        } else {
            lostLease();
        }
        leader = held;
        return held;
    }

    // Another relay is (or may be) active: what we hold is its to publish.
    private void lostLease() {
        leader = false;
        renewedAt = Instant.EPOCH;
        sealedAhead.clear();
        startOver = true;
    }

    /**
     * Seals one batch and writes due digests; returns rows sealed, or -1 without the lease. May run
     * on another thread than {@link #send()} and {@link #markPublished}.
     */
    public int seal() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                List<Outgoing> sealed = Sealer.sealBatch(connection, settings.holder(), now, settings.batchSize());
                if (sealed != null) {
                    digests.writeDue(connection, settings.holder(), now);
                }
                connection.commit();
                if (sealed == null) {
                    lostLease();
                    return -1;
                }
                if (!sealed.isEmpty() && settings.bootstrapServers().isPresent()) {
                    if (!sealedAhead.offerLast(sealed)) {
                        overflow = true; // the publishing side reads the database
                    }
                }
                return sealed.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Publishes the next batch (events, then digests when the events leave room) as one Kafka
     * transaction and returns it once Kafka has committed it; nothing without Kafka or rows. A batch
     * whose commit is still unconfirmed stays pending and is finished first by the next call.
     *
     * @throws PublishException when Kafka is away (the pending batch is kept and the next call goes
     *     on waiting for it) or refused the batch (the next call starts afresh from the database
     *     with a new producer, whose start aborts the failed transaction)
     */
    public Sent send() throws SQLException, PublishException {
        if (startOver) {
            startOver = false;
            dropProducer();
            lastPublishedSealNo = -1;
        }
        if (settings.bootstrapServers().isEmpty() || !leader) {
            return new Sent(List.of(), 0, List.of());
        }
        if (pending == null) {
            List<Outgoing> events = nextEvents();
            if (events == null) {
                return new Sent(List.of(), 0, List.of());
            }
            List<Outgoing> digestRows = events.size() < settings.batchSize() ? OutboxRows.unpublishedDigests(dataSource, settings.batchSize()) : List.of();
            if (events.isEmpty() && digestRows.isEmpty()) {
                return new Sent(List.of(), 0, List.of());
            }
            if (publisher == null) {
                publisher = KafkaPublisher.open(settings);
            }
            try {
                publisher.begin(events, digestRows);
            } catch (PublishException e) {
                dropProducer();
                throw e;
            }
            pending = new Sent(events.stream().map(Outgoing::id).toList(),
                    events.isEmpty() ? 0 : events.get(events.size() - 1).sealNo(),
                    digestRows.stream().map(Outgoing::id).toList());
        }
        try {
            publisher.commit();
        } catch (KafkaPublisher.CommitPending e) {
            throw e;
        } catch (PublishException e) {
            dropProducer();
            throw e;
        }
        Sent committed = pending;
        pending = null;
        if (committed.lastSealNo() > 0) {
            lastPublishedSealNo = committed.lastSealNo();
        }
        return committed;
    }

    private Instant nextDatabaseRead = Instant.EPOCH;
    private boolean caughtUp; // the last database read found less than a batch: the rest comes through sealedAhead
    private volatile boolean overflow; // the sealing side could not queue a batch

    /**
     * The next events to publish: the batch sealed right after the last one published, from
     * {@link #sealedAhead} when it is there, else from the database (after a start, a take-over, a
     * full queue, or anything else that leaves a gap, and once a second for digests); null when
     * nothing was sealed here and the database was read less than a second ago.
     */
    private List<Outgoing> nextEvents() throws SQLException {
        Instant now = clock.instant();
        if (overflow) {
            overflow = false;
            caughtUp = false;
        }
        if (caughtUp && lastPublishedSealNo >= 0 && sealedAhead.isEmpty() && now.isBefore(nextDatabaseRead)) {
            return null;
        }
        List<Outgoing> head;
        while ((head = sealedAhead.pollFirst()) != null) {
            if (lastPublishedSealNo < 0) {
                break;
            }
            if (head.get(head.size() - 1).sealNo() <= lastPublishedSealNo) {
                continue; // already published from the database
            }
            if (head.get(0).sealNo() == lastPublishedSealNo + 1) {
                return head;
            }
            break;
        }
        if (head != null) {
            sealedAhead.clear();
        }
        nextDatabaseRead = now.plusSeconds(1);
        List<Outgoing> events = OutboxRows.unpublishedEvents(dataSource, settings.batchSize());
        caughtUp = events.size() < settings.batchSize();
        return events;
    }

    /** Opens the Kafka producer now rather than with the first batch (creating the topic if missing). */
    public void connect() throws PublishException {
        if (publisher == null && settings.bootstrapServers().isPresent()) {
            publisher = KafkaPublisher.open(settings);
        }
    }

    /** True while a batch handed to Kafka waits for its commit to be confirmed. */
    public boolean hasInFlight() {
        return pending != null;
    }

    private void dropProducer() {
        pending = null;
        lastPublishedSealNo = -1;
        caughtUp = false;
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    /** Stamps a committed batch's rows as published. */
    public void markPublished(Sent sent) throws SQLException {
        if (sent.size() == 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (sent.lastSealNo() > 0) {
                Lease.storePublished(connection, sent.lastSealNo());
            }
            OutboxRows.stampDigests(connection, sent.digestIds(), clock.instant());
            connection.commit();
        } catch (SQLException e) {
            lastPublishedSealNo = -1; // the rows stay unpublished: read them again (Kafka gets repeats)
            throw e;
        }
    }

    /**
     * One round: lead, seal, send, mark, and every so often delete published rows past retention.
     * Returns true when there may be more to do at once.
     */
    public boolean runOnce() throws SQLException, PublishException {
        if (!lead()) {
            return false;
        }
        int sealed = seal();
        Sent sent = send();
        markPublished(sent);
        return sealed == settings.batchSize() || sent.size() >= settings.batchSize() || hasInFlight();
    }

    /**
     * Deletes up to one batch of outbox rows older than the retention period that are on Kafka;
     * returns how many.
     */
    public int deleteExpired() throws SQLException {
        if (settings.bootstrapServers().isEmpty()) {
            return 0; // without Kafka the database is the only copy
        }
        return OutboxRows.deleteExpired(dataSource, clock.instant().minus(settings.retention()), settings.batchSize());
    }

    /** Lag: unpublished rows and the commit time of the oldest one (empty when none). */
    public record Lag(long unpublished, Optional<Instant> oldestEventTime) {
    }

    /** How far Kafka is behind the outbox. */
    public Lag lag() throws SQLException {
        return OutboxRows.lag(dataSource);
    }

    /** Gives up the lease (if held) and closes the producer. */
    @Override
    public void close() {
        dropProducer();
        if (leader) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                Lease.release(connection, settings.holder());
            } catch (SQLException e) {
                // The lease then lapses on its own.
            }
            leader = false;
        }
    }

    /** Drops the producer without releasing the lease: what a crash leaves behind (tests). */
    public void abandon() {
        dropProducer();
        sealedAhead.clear();
        leader = false;
    }
}
