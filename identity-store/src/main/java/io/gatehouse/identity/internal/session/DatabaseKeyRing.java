package io.gatehouse.identity.internal.session;

import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.persistence.SessionKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session-token key ring shared by every replica through the database: keys are sealed under
 * the master key in {@code iam_session_key}. The newest key seals; a new one is made once the
 * newest is older than the rotation period, and keys are retired once no token sealed under them
 * can still be valid. A replica that meets an unknown key id reloads the ring (at most once a
 * second), so a key made by another replica is found at once.
 */
public final class DatabaseKeyRing implements KeyRing {
    /** How long a key seals new tokens. */
    static final Duration ROTATION = Duration.ofHours(24);
    /** Longest session (GetSessionToken's 36 h) plus margin: older keys open nothing valid. */
    static final Duration RETENTION = ROTATION.plus(Duration.ofHours(37));
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final SecretBox masterBox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private volatile Key current;
    private volatile Instant loadedAt = Instant.EPOCH;

    public DatabaseKeyRing(SecretBox masterBox, Clock clock) {
        this.masterBox = masterBox;
        this.clock = clock;
    }

    @Override
    public Key current() {
        Key key = current;
        Instant now = clock.instant();
        if (key == null || key.createdAt().plus(ROTATION).isBefore(now)) {
            synchronized (this) {
                reload();
                if (current == null || current.createdAt().plus(ROTATION).isBefore(now)) {
                    create(now);
                }
                key = current;
            }
        }
        return key;
    }

    @Override
    public Optional<Key> byId(String id) {
        Key key = keys.get(id);
        if (key == null && loadedAt.plus(RELOAD_INTERVAL).isBefore(clock.instant())) {
            synchronized (this) {
                reload();
            }
            key = keys.get(id);
        }
        return Optional.ofNullable(key);
    }

    private void reload() {
        Instant now = clock.instant();
        List<SessionKeyEntity> rows = QuarkusTransaction.requiringNew().call(
                () -> SessionKeyEntity.<SessionKeyEntity>list("retiredAt is null or retiredAt > ?1", now));
        for (SessionKeyEntity row : rows) {
            keys.computeIfAbsent(row.id, id -> new Key(id,
                    Base64.getDecoder().decode(masterBox.openFromBase64(row.secretSealed, aad(id))), row.createdAt));
        }
        keys.values().removeIf(k -> k.createdAt().plus(RETENTION).isBefore(now));
        current = keys.values().stream().max(Comparator.comparing(Key::createdAt)).orElse(null);
        loadedAt = now;
    }

    private void create(Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        QuarkusTransaction.requiringNew().run(() -> {
            SessionKeyEntity row = new SessionKeyEntity();
            row.id = id;
            row.secretSealed = masterBox.sealToBase64(Base64.getEncoder().encodeToString(secret), aad(id));
            row.createdAt = now;
            row.retiredAt = now.plus(RETENTION);
            row.persist();
        });
        Key key = new Key(id, secret, now);
        java.util.Arrays.fill(secret, (byte) 0);
        keys.put(id, key);
        current = key;
    }

    private static String aad(String id) {
        return "session-key:" + id;
    }

    @Override
    public String toString() {
        return "DatabaseKeyRing[" + keys.size() + " keys]";
    }
}
