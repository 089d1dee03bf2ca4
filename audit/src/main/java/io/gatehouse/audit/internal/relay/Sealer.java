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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals committed outbox rows into their accounts' hash chains, in one transaction per batch, and
 * only while holding the lease. Rows are taken in id order among those committed; a row whose
 * transaction commits late (a lower id than rows already sealed) is simply sealed in a later batch,
 * so the chain order is the order rows became visible, and no API call waits for another.
 *
 * <p>The same transaction indexes the batch's management events for LookupEvents
 * ({@link LookupRows}): a row is unsealed, or sealed and indexed, never in between.
 */
final class Sealer {

    private record Head(long seq, String hash, boolean stored) {
    }

    private record Unsealed(long id, String accountId, String eventId, String eventName, String payload,
            boolean canonical, boolean managementEvent, LocalDateTime eventTime, String username,
            String accessKeyId) {

        /** The payload split for hashing: by one scan when it is canonical already, else as before. */
        Chain.Prepared prepare() {
            return canonical ? Chain.prepareCanonical(payload) : Chain.prepare(payload);
        }

        /** Its rows of LookupEvents' index; none for a data event. */
        List<LookupRows.Row> lookupRows() {
            return managementEvent ? LookupRows.ofRecord(id, accountId, eventTime, eventName, username, accessKeyId,
                    payload) : List.of();
        }
    }

    private Sealer() {
    }

    /**
     * Seals up to {@code limit} rows; returns them in their published form, in seal order, or null
     * when the lease is not held. They are the caller's to publish once its transaction commits.
     */
    static List<Outgoing> sealBatch(Connection connection, String holder, Instant now, int limit) throws SQLException {
        long counter = Lease.lockIfHeld(connection, holder, now);
        if (counter < 0) {
            return null;
        }
        List<Unsealed> rows = unsealed(connection, limit);
        List<Outgoing> sealed = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return sealed;
        }
        Map<String, Head> heads = heads(connection, rows.stream().map(Unsealed::accountId).distinct().toList());
        Map<String, Head> changed = new HashMap<>();
        List<Object[]> stamps = new ArrayList<>(rows.size());
        // Preparing needs no chain state: it is done on every core first; chaining in order after is
        // one SHA-256 per row. For rows the audit log wrote canonical (payload_canonical) it is one scan
        // of the payload; older rows are parsed, sorted and written again, the costly part of a hash.
        List<Chain.Prepared> prepared = rows.parallelStream().map(Unsealed::prepare).toList();
        // Reading each record's resources for the index is one more pass over it: also on every core.
        List<LookupRows.Row> lookup = rows.parallelStream().flatMap(row -> row.lookupRows().stream()).toList();
        for (int i = 0; i < rows.size(); i++) {
            Unsealed row = rows.get(i);
            Head head = changed.getOrDefault(row.accountId(),
                    heads.getOrDefault(row.accountId(), new Head(0, Chain.GENESIS, false)));
            long seq = head.seq() + 1;
            String hash = Chain.hash(prepared.get(i), seq, head.hash());
            stamps.add(new Object[] {row.id(), ++counter, seq, head.hash(), hash, row.accountId()});
            changed.put(row.accountId(), new Head(seq, hash, head.stored()));
            sealed.add(new Outgoing(row.id(), counter, row.accountId(), row.eventId(), row.eventName(),
                    Chain.seal(row.payload(), seq, head.hash(), hash)));
        }
        stamp(connection, stamps);
        LookupRows.insert(connection, lookup);
        storeHeads(connection, changed);
        Lease.storeCounter(connection, counter);
        return sealed;
    }

    // A batch's seal numbers (the one column sealing changes in an outbox row: from 0 to the number,
    // same size, so InnoDB updates it in place) and its chain fields (new rows in aud_seal). On
    // MariaDB: one UPDATE ... JOIN and one multi-row INSERT per slice of 1,000 rows; elsewhere (H2,
    // the embedded default): JDBC batches.
    private static void stamp(Connection connection, List<Object[]> stamps) throws SQLException {
        if (!"MariaDB".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE aud_outbox SET seal_no = ? WHERE id = ?");
                    PreparedStatement insert = connection.prepareStatement(INSERT_SEAL + "(?, ?, ?, ?, ?)")) {
                for (Object[] stamp : stamps) {
                    update.setLong(1, (Long) stamp[1]);
                    update.setLong(2, (Long) stamp[0]);
                    update.addBatch();
                    bindSeal(insert, 1, stamp);
                    insert.addBatch();
                }
                checkAll(java.util.Arrays.stream(update.executeBatch()).sum(), stamps.size());
                insert.executeBatch();
            }
            return;
        }
        for (int from = 0; from < stamps.size(); from += SLICE) {
            List<Object[]> slice = stamps.subList(from, Math.min(stamps.size(), from + SLICE));
            StringBuilder sql = new StringBuilder("UPDATE aud_outbox o JOIN (");
            StringBuilder seals = new StringBuilder(INSERT_SEAL);
            for (int i = 0; i < slice.size(); i++) {
                sql.append(i == 0 ? "SELECT ? AS id, ? AS seal_no" : " UNION ALL SELECT ?, ?");
                seals.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
            }
            sql.append(") v ON o.id = v.id SET o.seal_no = v.seal_no");
            try (PreparedStatement update = connection.prepareStatement(sql.toString());
                    PreparedStatement insert = connection.prepareStatement(seals.toString())) {
                int p = 1;
                int q = 1;
                for (Object[] stamp : slice) {
                    update.setLong(p++, (Long) stamp[0]);
                    update.setLong(p++, (Long) stamp[1]);
                    q = bindSeal(insert, q, stamp);
                }
                checkAll(update.executeUpdate(), slice.size());
                insert.executeUpdate();
            }
        }
    }

    private static final String INSERT_SEAL = "INSERT INTO aud_seal (outbox_id, account_id, chain_seq, prev_hash,"
            + " chain_hash) VALUES ";
    private static final int SLICE = 1000;

    private static int bindSeal(PreparedStatement insert, int at, Object[] stamp) throws SQLException {
        insert.setLong(at, (Long) stamp[0]);
        insert.setString(at + 1, (String) stamp[5]);
        insert.setLong(at + 2, (Long) stamp[2]);
        insert.setString(at + 3, (String) stamp[3]);
        insert.setString(at + 4, (String) stamp[4]);
        return at + 5;
    }

    private static void checkAll(int updated, int expected) throws SQLException {
        if (updated != expected) {
            throw new SQLException("sealing stamped " + updated + " rows of " + expected);
        }
    }

    private static List<Unsealed> unsealed(Connection connection, int limit) throws SQLException {
        List<Unsealed> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, account_id, event_id, event_name, payload, payload_canonical, management_event,"
                        + " event_time, username, access_key_id FROM aud_outbox"
                        + " WHERE seal_no = 0 ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Unsealed(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5), result.getBoolean(6), result.getBoolean(7),
                            result.getObject(8, LocalDateTime.class), result.getString(9), result.getString(10)));
                }
            }
        }
        return rows;
    }

    // The batch's accounts' heads, read under the lease lock, so no other writer exists.
    private static Map<String, Head> heads(Connection connection, List<String> accounts) throws SQLException {
        Map<String, Head> heads = new HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(accounts.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT account_id, last_seq, last_hash FROM aud_chain_head WHERE account_id IN (" + marks + ")")) {
            for (int i = 0; i < accounts.size(); i++) {
                select.setString(i + 1, accounts.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    heads.put(result.getString(1), new Head(result.getLong(2), result.getString(3), true));
                }
            }
        }
        return heads;
    }

    private static void storeHeads(Connection connection, Map<String, Head> changed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aud_chain_head SET last_seq = ?, last_hash = ? WHERE account_id = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_chain_head"
                        + " (account_id, last_seq, last_hash, digest_seq) VALUES (?, ?, ?, 0)")) {
            for (Map.Entry<String, Head> entry : changed.entrySet()) {
                Head head = entry.getValue();
                PreparedStatement statement = head.stored() ? update : insert;
                if (head.stored()) {
                    update.setLong(1, head.seq());
                    update.setString(2, head.hash());
                    update.setString(3, entry.getKey());
                } else {
                    insert.setString(1, entry.getKey());
                    insert.setLong(2, head.seq());
                    insert.setString(3, head.hash());
                }
                statement.executeUpdate();
            }
        }
    }
}
