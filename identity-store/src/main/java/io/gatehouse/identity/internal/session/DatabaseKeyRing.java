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
 * the master key in {@code iam_session_key}. A key seals new tokens for the rotation period, and
 * is retired once no token sealed under it can still be valid.
 *
 * <p>Requests never wait for the ring's database work: a background thread reloads the ring every
 * {@link #REFRESH} and makes the next key {@link #AHEAD} before the current one is due, and a new
 * key starts sealing only {@link #ACTIVATION} after it was made, by which time every replica has
 * loaded it. (Reading or writing the ring inside a request needed a second pooled connection while
 * the request held one; under load the pool ran dry and requests failed for seconds.) Only the
 * very first key of a fresh database is made on demand. A token under a key id the ring does not
 * know is refused, and the ring is reloaded in the background.
 */
public final class DatabaseKeyRing implements KeyRing, AutoCloseable {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DatabaseKeyRing.class);
    /** How long a key seals new tokens. */
    static final Duration ROTATION = Duration.ofHours(24);
    /** Longest session (GetSessionToken's 36 h) plus margin: older keys open nothing valid. */
    static final Duration RETENTION = ROTATION.plus(Duration.ofHours(37));
    /** How often each replica reloads the ring. */
    static final Duration REFRESH = Duration.ofSeconds(15);
    /** How long a new key waits before it seals: longer than a refresh, so every replica knows it. */
    static final Duration ACTIVATION = Duration.ofMinutes(1);
    /** How long before the current key is due the next one is made. */
    static final Duration AHEAD = Duration.ofMinutes(10);

    private final SecretBox masterBox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private volatile Key current;
    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "gatehouse-session-key-ring");
                thread.setDaemon(true);
                return thread;
            });
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued = new java.util.concurrent.atomic.AtomicBoolean();

    public DatabaseKeyRing(SecretBox masterBox, Clock clock) {
        this.masterBox = masterBox;
        this.clock = clock;
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Stops the background refresh (the application is stopping; its database goes with it). */
    @Override
    public void close() {
        refresher.shutdownNow();
    }

    @Override
    public Key current() {
        Key key = current;
        if (key == null) {
            synchronized (this) { // a fresh database's first key (or a first request racing the refresher)
                if (current == null) {
                    refresh();
                }
                key = current;
            }
        }
        return key;
    }

    @Override
    public Optional<Key> byId(String id) {
        Key key = keys.get(id);
        if (key == null && refreshQueued.compareAndSet(false, true)) {
            refresher.execute(() -> {
                refreshQueued.set(false);
                refreshQuietly();
            });
        }
        return Optional.ofNullable(key);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the session key ring (keeping the keys loaded): %s", e.getMessage());
        }
    }

    /** Reloads the ring, makes the next key when the current one is nearly due, and picks the key that seals. */
    synchronized void refresh() {
        Instant now = clock.instant();
        List<SessionKeyEntity> rows = QuarkusTransaction.requiringNew().call(
                () -> SessionKeyEntity.<SessionKeyEntity>list("retiredAt is null or retiredAt > ?1", now));
        for (SessionKeyEntity row : rows) {
            keys.computeIfAbsent(row.id, id -> new Key(id,
                    Base64.getDecoder().decode(masterBox.openFromBase64(row.secretSealed, aad(id))), row.createdAt));
        }
        keys.values().removeIf(k -> k.createdAt().plus(RETENTION).isBefore(now));
        Key newest = keys.values().stream().max(Comparator.comparing(Key::createdAt)).orElse(null);
        if (newest == null || newest.createdAt().plus(ROTATION).minus(AHEAD).isBefore(now)) {
            newest = create(now);
        }
        // The newest key that every replica has had time to load; on a fresh ring, the only one.
        Key active = keys.values().stream().filter(k -> !k.createdAt().plus(ACTIVATION).isAfter(now))
                .max(Comparator.comparing(Key::createdAt)).orElse(newest);
        current = active;
    }

    private Key create(Instant now) {
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
        return key;
    }

    private static String aad(String id) {
        return "session-key:" + id;
    }

    @Override
    public String toString() {
        return "DatabaseKeyRing[" + keys.size() + " keys]";
    }
}
