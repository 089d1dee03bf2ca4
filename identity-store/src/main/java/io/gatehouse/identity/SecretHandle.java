package io.gatehouse.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link SigningSecret}'s implementation, kept out of the public face (the public package holds
 * interfaces, records and exceptions).
 */
final class SecretHandle implements SigningSecret {
    private static final MessageDigest SHA256 = sha256Prototype();

    private final Object identity;
    private final Supplier<String> opener;

    private SecretHandle(Object identity, Supplier<String> opener) {
        this.identity = identity;
        this.opener = opener;
    }

    /**
     * A secret already in the clear (a temporary key's, from its session token). Its identity is a
     * SHA-256 of it, computed here.
     */
    static SigningSecret plain(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new SecretHandle(new Digest(digest(secret)), () -> secret);
    }

    /**
     * A secret still sealed, as a long-term key's is in the store. {@code sealedSecret} must name
     * this secret among all ever stored for {@code accessKeyId}: a new secret for the same key id is
     * sealed anew (AES-GCM under a fresh random nonce, so never to the same text), and the sealed
     * text of a secret does not change while it is in use. {@code opener} must open it to the same
     * secret every time, or throw; it is called only when a verifier has no key derived from this
     * secret yet.
     */
    static SigningSecret sealed(String accessKeyId, String sealedSecret, Supplier<String> opener) {
        return new SecretHandle(new Sealed(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(sealedSecret, "sealedSecret")), Objects.requireNonNull(opener, "opener"));
    }

    /**
     * What a cache of derived keys may be keyed by: equal for the same secret (same key id and
     * sealed text, or same digest), unequal for any other, and never the secret itself.
     */
    @Override
    public Object identity() {
        return identity;
    }

    /** The secret in the clear; a sealed one is opened (again) on each call. Keep it no longer than needed. */
    @Override
    public String reveal() {
        return opener.get();
    }

    @Override
    public String toString() {
        return identity instanceof Sealed ? "SigningSecret[sealed]" : "SigningSecret[plain]";
    }

    /** A sealed secret's identity; the key id is part of it because the seal is bound to it. */
    private record Sealed(String accessKeyId, String sealedSecret) {
        @Override
        public String toString() {
            return "Sealed[" + accessKeyId + "]";
        }
    }

    private record Digest(String sha256) {
        @Override
        public String toString() {
            return "Digest";
        }
    }

    private static String digest(String secret) {
        MessageDigest sha256;
        try {
            // A clone of one prototype costs less than the provider lookup of getInstance.
            sha256 = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            sha256 = sha256Prototype();
        }
        return Base64.getEncoder().encodeToString(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
