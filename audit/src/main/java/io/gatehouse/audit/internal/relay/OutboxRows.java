package io.gatehouse.audit.internal.relay;

import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.audit.internal.relay.KafkaPublisher.Outgoing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The relay's reads and writes of {@code aud_outbox} and {@code aud_digest} outside sealing: what
 * is still to publish, what the lag is, and deleting what retention lets go (with the rows' chain
 * fields in {@code aud_seal} and their LookupEvents index rows in {@code aud_lookup}, by their keys).
 * Published means sealed at or below {@code aud_lease.published_seal_no} (see {@link Lease#storePublished}).
 */
final class OutboxRows {

    private OutboxRows() {
    }

    /**
     * Deletes up to {@code limit} rows that are on Kafka and older than {@code before}, with their
     * {@code aud_seal} and {@code aud_lookup} rows, in one transaction; returns how many.
     */
    static int deleteExpired(DataSource dataSource, Instant before, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long published = Lease.published(connection);
            List<Long> ids = new ArrayList<>();
            List<LookupRows.Row> lookup = new ArrayList<>();
            // Oldest first: seal order is commit order, so the scan stops at the first young row. A
            // management event's index rows are derived from the row as the sealer derived them.
            try (PreparedStatement select = connection.prepareStatement("SELECT id, event_time, account_id,"
                    + " management_event, event_name, username, access_key_id, payload FROM aud_outbox"
                    + " WHERE seal_no BETWEEN 1 AND ? ORDER BY seal_no LIMIT ?")) {
                select.setLong(1, published);
                select.setInt(2, limit);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next() && result.getTimestamp(2).before(Lease.utc(before))) {
                        long id = result.getLong(1);
                        ids.add(id);
                        if (result.getBoolean(4)) {
                            lookup.addAll(LookupRows.ofRecord(id, result.getString(3),
                                    result.getObject(2, LocalDateTime.class), result.getString(5), result.getString(6),
                                    result.getString(7), result.getString(8)));
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                String in = " IN (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")";
                connection.setAutoCommit(false);
                try (PreparedStatement seals = connection.prepareStatement("DELETE FROM aud_seal WHERE outbox_id" + in);
                        PreparedStatement rows = connection.prepareStatement("DELETE FROM aud_outbox WHERE id" + in)) {
                    for (int i = 0; i < ids.size(); i++) {
                        seals.setLong(i + 1, ids.get(i));
                        rows.setLong(i + 1, ids.get(i));
                    }
                    seals.executeUpdate();
                    LookupRows.delete(connection, lookup);
                    rows.executeUpdate();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            return ids.size();
        }
    }

    /** Records not on Kafka yet (unsealed, or sealed after the published watermark). */
    static OutboxRelay.Lag lag(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long published = Lease.published(connection);
            long count = 0;
            java.sql.Timestamp oldest = null;
            for (String where : new String[] {"seal_no = 0", "seal_no > ?"}) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*), MIN(event_time) FROM aud_outbox WHERE " + where)) {
                    if (where.contains("?")) {
                        select.setLong(1, published);
                    }
                    try (ResultSet result = select.executeQuery()) {
                        result.next();
                        count += result.getLong(1);
                        java.sql.Timestamp time = result.getTimestamp(2);
                        if (time != null && (oldest == null || time.before(oldest))) {
                            oldest = time;
                        }
                    }
                }
            }
            return new OutboxRelay.Lag(count, Optional.ofNullable(oldest).map(Lease::fromUtc));
        }
    }

    /** The next sealed events after the published watermark, in seal order, in their published form. */
    static List<Outgoing> unpublishedEvents(DataSource dataSource, int limit) throws SQLException {
        List<Outgoing> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT o.id, o.account_id, o.event_id,"
                        + " o.event_name, o.payload, s.chain_seq, s.prev_hash, s.chain_hash, o.seal_no FROM aud_outbox o"
                        + " JOIN aud_seal s ON s.outbox_id = o.id WHERE o.seal_no >"
                        + " (SELECT published_seal_no FROM aud_lease WHERE name = 'relay') ORDER BY o.seal_no LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String value = Chain.seal(r.getString(5), r.getLong(6), r.getString(7), r.getString(8));
                    rows.add(new Outgoing(r.getLong(1), r.getLong(9), r.getString(2), r.getString(3), r.getString(4),
                            value));
                }
            }
        }
        return rows;
    }

    /** Digests not on Kafka yet, oldest first. */
    static List<Outgoing> unpublishedDigests(DataSource dataSource, int limit) throws SQLException {
        List<Outgoing> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, account_id, event_id, payload"
                        + " FROM aud_digest WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new Outgoing(r.getLong(1), 0, r.getString(2), r.getString(3), "GatehouseDigest",
                            r.getString(4)));
                }
            }
        }
        return rows;
    }

    /** Stamps digests as on Kafka: one UPDATE ... WHERE id IN (...) per 1,000 ids. */
    static void stampDigests(Connection connection, List<Long> ids, Instant now) throws SQLException {
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 1_000));
            try (PreparedStatement update = connection.prepareStatement("UPDATE aud_digest SET published_at = ?"
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
