package io.gatehouse.audit.internal.relay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.KeyProtection;
import io.gatehouse.audit.internal.CloudTrailJson;
import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.audit.internal.digest.DigestWriter;
import io.gatehouse.audit.internal.digest.SigningKeys;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Test helpers around a migrated database: writing events as the API does, relays, keys. */
final class Outbox {

    private Outbox() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit").load().migrate();
    }

    /** How a test row's payload is written, and whether the row says it is canonical. */
    enum Payload {
        /** As the audit log writes it: {@link CloudTrailJson#write}, marked canonical. */
        CANONICAL,
        /** As rows written before payloads were canonical: members not sorted (reversed here), unmarked. */
        UNSORTED,
        /** Unsorted but marked canonical: a writer that breaks the column's contract. */
        MISLABELLED
    }

    /** Inserts {@code count} events spread over {@code accounts}, as the audit log writes them. */
    static List<String> write(DataSource dataSource, int count, List<String> accounts) throws SQLException {
        return write(dataSource, count, accounts, i -> Payload.CANONICAL);
    }

    /**
     * Inserts {@code count} events spread over {@code accounts}, each in its own committed
     * transaction, the {@code i}th with its payload in the form {@code form.apply(i)}.
     */
    static List<String> write(DataSource dataSource, int count, List<String> accounts, IntFunction<Payload> form)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_outbox (event_id, account_id,"
                        + " event_time, event_source, event_name, read_only, payload, payload_canonical)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)")) {
            connection.setAutoCommit(true);
            for (int i = 0; i < count; i++) {
                AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString())
                        .recipientAccountId(accounts.get(i % accounts.size()))
                        .requestParameters(Map.of("userName", "user" + i, "path", "/")).build();
                Payload payload = form.apply(i);
                String canonical = CloudTrailJson.write(event);
                insert.setString(1, event.eventID());
                insert.setString(2, event.recipientAccountId());
                insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC)));
                insert.setString(4, event.eventSource());
                insert.setString(5, event.eventName());
                insert.setString(6, payload == Payload.CANONICAL ? canonical : reversed(canonical));
                insert.setBoolean(7, payload != Payload.UNSORTED);
                insert.executeUpdate();
                ids.add(event.eventID());
            }
        }
        return ids;
    }

    /** The record with its top-level members in reverse order: the same record, not canonical JSON. */
    private static String reversed(String json) {
        ObjectNode record = Chain.parse(json);
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        ObjectNode reversed = record.objectNode();
        for (String name : names) {
            reversed.set(name, record.get(name));
        }
        return reversed.toString();
    }

    static RelaySettings settings(Optional<String> bootstrap, String topic, String holder, Duration lease) {
        return new RelaySettings(bootstrap, topic, 3, (short) 1, 1, Duration.ofDays(90), Duration.ZERO, lease, 100,
                holder);
    }

    static OutboxRelay relay(DataSource dataSource, RelaySettings settings) {
        return new OutboxRelay(dataSource, settings,
                new DigestWriter(new SigningKeys(new TestKeyProtection()), settings.digestInterval()),
                Clock.systemUTC());
    }

    /** The keys document, as /.well-known/gatehouse-audit-keys serves it. */
    static String keysJson(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Map<String, Object>> keys = new ArrayList<>();
            for (SigningKeys.Published key : SigningKeys.published(connection)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("fingerprint", key.fingerprint());
                entry.put("publicKey", key.publicKey());
                keys.add(entry);
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("keys", keys));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static long unpublished(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM aud_outbox WHERE seal_no = 0"
                                + " OR seal_no > (SELECT published_seal_no FROM aud_lease WHERE name = 'relay')");
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** AES-GCM under a key fixed for the JVM: what the identity store's SecretBox does, minus its header. */
    static final class TestKeyProtection implements KeyProtection {
        private static final byte[] KEY = new byte[32];
        private static final SecureRandom RANDOM = new SecureRandom();

        static {
            RANDOM.nextBytes(KEY);
        }

        @Override
        public String seal(byte[] plaintext, String purpose) {
            try {
                byte[] nonce = new byte[12];
                RANDOM.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
                cipher.updateAAD(purpose.getBytes());
                byte[] sealed = cipher.doFinal(plaintext);
                return Base64.getEncoder().encodeToString(nonce) + "." + Base64.getEncoder().encodeToString(sealed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] open(String sealed, String purpose) {
            try {
                String[] parts = sealed.split("\\.");
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"),
                        new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
                cipher.updateAAD(purpose.getBytes());
                return cipher.doFinal(Base64.getDecoder().decode(parts[1]));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
