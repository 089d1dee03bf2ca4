package io.gatehouse.identity.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The session-token keys: the current one seals new tokens; older ones stay findable by id until
 * they are retired, so tokens sealed before a rotation keep opening until they expire. A ring
 * shared by all replicas (database-backed) makes any replica able to open any token.
 */
public interface KeyRing {
    /** The key new tokens are sealed under. */
    Key current();

    /** A key by its id, current or older; empty when unknown or retired. */
    Optional<Key> byId(String id);

    /**
     * A token key.
     *
     * @param id short ASCII id carried in clear in every token (1 to 32 characters of
     *     {@code [A-Za-z0-9_-]})
     * @param secret32 the 32-byte AES-256 key (copied in and out; never in {@link #toString()})
     * @param createdAt when the key was made (rotation policy)
     */
    record Key(String id, byte[] secret32, Instant createdAt) {
        private static final SecureRandom RANDOM = new SecureRandom();

        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret32, "secret32");
            Objects.requireNonNull(createdAt, "createdAt");
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("key id must be 1 to 32 characters of [A-Za-z0-9_-]");
            }
            if (secret32.length != 32) {
                throw new IllegalArgumentException("session token key must be 32 bytes, got " + secret32.length);
            }
            secret32 = secret32.clone();
        }

        /** A new random key with a random 6-character id. */
        public static Key random(Instant createdAt) {
            byte[] idBytes = new byte[4];
            byte[] secret = new byte[32];
            RANDOM.nextBytes(idBytes);
            RANDOM.nextBytes(secret);
            try {
                return new Key(Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes), secret, createdAt);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }

        /** A copy of the secret. */
        @Override
        public byte[] secret32() {
            return secret32.clone();
        }

        byte[] idBytes() {
            return id.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && id.equals(k.id) && createdAt.equals(k.createdAt)
                    && MessageDigest.isEqual(secret32, k.secret32);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, createdAt);
        }

        @Override
        public String toString() {
            return "Key[id=" + id + ", createdAt=" + createdAt + "]";
        }
    }
}
