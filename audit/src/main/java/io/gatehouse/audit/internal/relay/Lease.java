package io.gatehouse.audit.internal.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code relay} row of {@code aud_lease}: whoever holds an unexpired lease is the one active
 * relay. Taking it over needs the holder to have let it lapse, so a dead replica's lease passes to
 * another one lease-length later. Writes that must come from the holder only (sealing) lock the
 * row and check it in their own transaction ({@link #lockIfHeld}), so a replica that lost the lease
 * while paused cannot fork a chain. Times are UTC from this replica's clock: replicas' clocks must
 * agree to well within a lease length (NTP).
 */
final class Lease {

    static final String NAME = "relay";

    private Lease() {
    }

    /** Takes or renews the lease in its own statement (autocommit); true when {@code holder} has it. */
    static boolean acquire(Connection connection, String holder, Instant now, Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aud_lease SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
            update.setString(1, holder);
            update.setTimestamp(2, utc(until));
            update.setString(3, NAME);
            update.setString(4, holder);
            update.setTimestamp(5, utc(now));
            return update.executeUpdate() == 1;
        }
    }

    /** Gives the lease up, so another replica takes over at once (a clean shutdown). */
    static void release(Connection connection, String holder) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aud_lease SET holder = NULL, expires_at = ? WHERE name = ? AND holder = ?")) {
            update.setTimestamp(1, utc(Instant.EPOCH));
            update.setString(2, NAME);
            update.setString(3, holder);
            update.executeUpdate();
        }
    }

    /**
     * In the caller's transaction: locks the row and returns its seal counter when {@code holder}
     * holds an unexpired lease, else -1.
     */
    static long lockIfHeld(Connection connection, String holder, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT holder, expires_at, seal_counter FROM aud_lease WHERE name = ? FOR UPDATE")) {
            select.setString(1, NAME);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !holder.equals(row.getString(1))) {
                    return -1;
                }
                Instant expires = row.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC);
                return expires.isAfter(now) ? row.getLong(3) : -1;
            }
        }
    }

    /** In the caller's transaction, after {@link #lockIfHeld}: stores the seal counter. */
    static void storeCounter(Connection connection, long counter) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aud_lease SET seal_counter = ? WHERE name = ?")) {
            update.setLong(1, counter);
            update.setString(2, NAME);
            update.executeUpdate();
        }
    }

    /** Records that every row up to seal number {@code sealNo} is on Kafka (never moves back). */
    static void storePublished(Connection connection, long sealNo) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aud_lease SET published_seal_no = ? WHERE name = ? AND published_seal_no < ?")) {
            update.setLong(1, sealNo);
            update.setString(2, NAME);
            update.setLong(3, sealNo);
            update.executeUpdate();
        }
    }

    /** The last seal number Kafka has committed: every row up to it is on the topic. */
    static long published(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT published_seal_no FROM aud_lease WHERE name = ?")) {
            select.setString(1, NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant fromUtc(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
