package io.gatehouse.audit.internal.relay;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.KeyProtection;
import io.gatehouse.audit.internal.CloudTrailJson;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** Inserts {@code count} events spread over {@code accounts}, each in its own committed transaction. */
    static List<String> write(DataSource dataSource, int count, List<String> accounts) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_outbox (event_id, account_id,"
                        + " event_time, event_source, event_name, read_only, payload) VALUES (?, ?, ?, ?, ?, FALSE, ?)")) {
            connection.setAutoCommit(true);
            for (int i = 0; i < count; i++) {
                AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString())
                        .recipientAccountId(accounts.get(i % accounts.size()))
                        .requestParameters(Map.of("userName", "user" + i, "path", "/")).build();
                insert.setString(1, event.eventID());
                insert.setString(2, event.recipientAccountId());
                insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC)));
                insert.setString(4, event.eventSource());
                insert.setString(5, event.eventName());
                insert.setString(6, CloudTrailJson.write(event));
                insert.executeUpdate();
                ids.add(event.eventID());
            }
        }
        return ids;
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
