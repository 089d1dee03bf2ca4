package io.gatehouse.audit.internal.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.audit.internal.relay.OutboxRelay;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Writes a signed digest record ({@code eventType} {@value #EVENT_TYPE}) for every account whose
 * chain grew and whose last digest is at least one interval old (the first one right away). The
 * record names the first and last sequence numbers it covers, the chain head (the hash of the last
 * record), the previous digest's signature and the time range; {@code digestSignature} is the
 * ECDSA P-256 signature (base64 DER) of the record's canonical JSON without that field. Runs in the
 * sealer's transaction under the lease, so digests are consistent with the heads.
 */
public final class DigestWriter implements OutboxRelay.DigestStep {

    /** {@code eventType} and {@code eventName} of a digest. */
    public static final String EVENT_TYPE = "GatehouseDigest";
    /** {@code eventSource} of a digest. */
    public static final String EVENT_SOURCE = "audit.gatehouse.io";

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Due(String accountId, long lastSeq, String lastHash, long digestSeq, String previousSignature,
            Instant previousTime) {
    }

    private final SigningKeys keys;
    private final Duration interval;

    public DigestWriter(SigningKeys keys, Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public int writeDue(Connection connection, String holder, Instant now) throws SQLException {
        List<Due> due = due(connection, now);
        if (due.isEmpty()) {
            return 0;
        }
        SigningKeys.Active key = keys.active(connection, now);
        for (Due account : due) {
            write(connection, account, key, now);
        }
        return due.size();
    }

    private List<Due> due(Connection connection, Instant now) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT account_id, last_seq, last_hash, digest_seq,"
                + " digest_signature, digest_time FROM aud_chain_head WHERE last_seq > digest_seq"
                + " AND (digest_time IS NULL OR digest_time <= ?)")) {
            select.setTimestamp(1, utc(now.minus(interval)));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Timestamp time = row.getTimestamp(6);
                    due.add(new Due(row.getString(1), row.getLong(2), row.getString(3), row.getLong(4),
                            row.getString(5), time == null ? null : time.toLocalDateTime().toInstant(ZoneOffset.UTC)));
                }
            }
        }
        return due;
    }

    private void write(Connection connection, Due account, SigningKeys.Active key, Instant now) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        Instant start = account.previousTime() != null ? account.previousTime().truncatedTo(ChronoUnit.SECONDS)
                : firstEventTime(connection, account.accountId(), account.digestSeq() + 1, end);
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.10");
        record.put("eventType", EVENT_TYPE);
        record.put("eventID", eventId);
        record.put("eventTime", end.toString());
        record.put("eventSource", EVENT_SOURCE);
        record.put("eventName", EVENT_TYPE);
        record.put("recipientAccountId", account.accountId());
        ObjectNode digest = record.putObject("digest");
        digest.put("firstSequenceNumber", account.digestSeq() + 1);
        digest.put("lastSequenceNumber", account.lastSeq());
        digest.put("chainHead", account.lastHash());
        digest.put("previousDigestSignature", account.previousSignature());
        digest.put("startTime", start.toString());
        digest.put("endTime", end.toString());
        digest.put("signatureAlgorithm", SigningKeys.ALGORITHM);
        digest.put("publicKeyFingerprint", key.fingerprint());
        String signature = sign(key, Chain.canonical(record));
        record.put("digestSignature", signature);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_digest (event_id, account_id,"
                + " first_seq, last_seq, created_at, payload) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE aud_chain_head SET digest_seq = ?,"
                        + " digest_signature = ?, digest_time = ? WHERE account_id = ?")) {
            insert.setString(1, eventId);
            insert.setString(2, account.accountId());
            insert.setLong(3, account.digestSeq() + 1);
            insert.setLong(4, account.lastSeq());
            insert.setTimestamp(5, utc(now));
            insert.setString(6, record.toString());
            insert.executeUpdate();
            update.setLong(1, account.lastSeq());
            update.setString(2, signature);
            update.setTimestamp(3, utc(end));
            update.setString(4, account.accountId());
            update.executeUpdate();
        }
    }

    private static Instant firstEventTime(Connection connection, String accountId, long seq, Instant fallback)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT o.event_time FROM aud_seal s JOIN aud_outbox o ON o.id = s.outbox_id"
                        + " WHERE s.account_id = ? AND s.chain_seq = ?")) {
            select.setString(1, accountId);
            select.setLong(2, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC) : fallback;
            }
        }
    }

    private static String sign(SigningKeys.Active key, byte[] content) {
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key.privateKey());
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new AuditException("cannot sign an audit digest", e);
        }
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
