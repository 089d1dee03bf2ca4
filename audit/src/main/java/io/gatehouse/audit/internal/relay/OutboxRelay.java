package io.gatehouse.audit.internal.relay;

import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.audit.internal.relay.KafkaPublisher.Outgoing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One replica's relay, as steps: {@link #lead()} takes or renews the lease; {@link #seal()} seals
 * committed rows into the chains; {@link #send()} publishes sealed, unpublished rows (events, then
 * digests) as one Kafka transaction and returns them once it is committed; {@link #markPublished}
 * stamps those rows. A row is marked only after its batch's commit, so a relay that dies between {@link #send()} and
 * {@link #markPublished} leaves the rows for its successor to publish again (at-least-once;
 * consumers drop repeats by {@code eventID}). {@link #runOnce()} is one round of all of it.
 * Not thread-safe: one thread drives one instance.
 */
public final class OutboxRelay implements AutoCloseable {

    /** A batch {@link #send()} published: Kafka committed it. */
    public record Sent(List<Long> eventIds, List<Long> digestIds) {
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
    private Sent pending;
    private KafkaPublisher publisher;
    private boolean leader;

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

    /** Takes or renews the lease; true while this relay is the active one. */
    public boolean lead() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            leader = Lease.acquire(connection, settings.holder(), now, now.plus(settings.lease()));
        }
        if (!leader && publisher != null) {
            dropProducer(); // another relay is active: what we had in flight is its to publish
        }
        return leader;
    }

    /** Seals one batch and writes due digests; returns rows sealed, or -1 without the lease. */
    public int seal() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                int sealed = Sealer.sealBatch(connection, settings.holder(), now, settings.batchSize());
                if (sealed >= 0) {
                    digests.writeDue(connection, settings.holder(), now);
                }
                connection.commit();
                if (sealed < 0) {
                    leader = false;
                }
                return sealed;
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
        if (settings.bootstrapServers().isEmpty()) {
            return new Sent(List.of(), List.of());
        }
        if (pending == null) {
            List<Outgoing> events = unpublishedEvents();
            List<Outgoing> digestRows = events.size() < settings.batchSize() ? unpublishedDigests() : List.of();
            if (events.isEmpty() && digestRows.isEmpty()) {
                return new Sent(List.of(), List.of());
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
        return committed;
    }

    /** True while a batch handed to Kafka waits for its commit to be confirmed. */
    public boolean hasInFlight() {
        return pending != null;
    }

    private void dropProducer() {
        pending = null;
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
            Instant now = clock.instant();
            stamp(connection, "aud_outbox", sent.eventIds(), now);
            stamp(connection, "aud_digest", sent.digestIds(), now);
            connection.commit();
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

    /** Deletes up to one batch of outbox rows published before the retention period; returns how many. */
    public int deleteExpired() throws SQLException {
        if (settings.bootstrapServers().isEmpty()) {
            return 0; // without Kafka the database is the only copy
        }
        Instant before = clock.instant().minus(settings.retention());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM aud_outbox WHERE published_at < ? ORDER BY published_at LIMIT ?")) {
                select.setTimestamp(1, Lease.utc(before));
                select.setInt(2, settings.batchSize());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getLong(1));
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM aud_outbox WHERE id IN ("
                        + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
                    for (int i = 0; i < ids.size(); i++) {
                        delete.setLong(i + 1, ids.get(i));
                    }
                    delete.executeUpdate();
                }
            }
            return ids.size();
        }
    }

    /** Lag: unpublished rows and the commit time of the oldest one (empty when none). */
    public record Lag(long unpublished, Optional<Instant> oldestEventTime) {
    }

    /** How far Kafka is behind the outbox. */
    public Lag lag() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*), MIN(event_time) FROM aud_outbox WHERE published_at IS NULL");
                ResultSet result = select.executeQuery()) {
            result.next();
            java.sql.Timestamp oldest = result.getTimestamp(2);
            return new Lag(result.getLong(1), Optional.ofNullable(oldest).map(Lease::fromUtc));
        }
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
        leader = false;
    }

    private List<Outgoing> unpublishedEvents() throws SQLException {
        List<Outgoing> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, account_id, event_id, event_name,"
                        + " payload, chain_seq, prev_hash, chain_hash FROM aud_outbox"
                        + " WHERE published_at IS NULL AND seal_no IS NOT NULL ORDER BY seal_no LIMIT ?")) {
            select.setInt(1, settings.batchSize());
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String value = Chain.seal(r.getString(5), r.getLong(6), r.getString(7), r.getString(8));
                    rows.add(new Outgoing(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), value));
                }
            }
        }
        return rows;
    }

    private List<Outgoing> unpublishedDigests() throws SQLException {
        List<Outgoing> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, account_id, event_id, payload"
                        + " FROM aud_digest WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, settings.batchSize());
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new Outgoing(r.getLong(1), r.getString(2), r.getString(3), "GatehouseDigest",
                            r.getString(4)));
                }
            }
        }
        return rows;
    }

    // One statement per batch: UPDATE ... WHERE id IN (...), in slices of 1,000 ids.
    private static void stamp(Connection connection, String table, List<Long> ids, Instant now) throws SQLException {
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 1_000));
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET published_at = ?"
                    + " WHERE id IN (" + String.join(",", java.util.Collections.nCopies(slice.size(), "?")) + ")")) {
                update.setTimestamp(1, Lease.utc(now));
                for (int i = 0; i < slice.size(); i++) {
                    update.setLong(i + 2, slice.get(i));
                }
                update.executeUpdate();
            }
        }
    }
}
