package io.gatehouse.identity;

import java.util.function.Supplier;

/**
 * The secret access key of one access key id, as a {@link SigningSecrets} hands it to a
 * {@link SignatureVerifier}. A verifier derives signing keys from the secret and may cache them
 * (per scope, for a day at most, as the AWS SDKs do) under {@link #identity()}, which names the
 * secret without holding it: on a cache hit a {@link #sealed} secret is never opened.
 *
 * <p>Never shows its secret: {@code toString()} says only what kind of secret it is.
 */
public interface SigningSecret {
    /**
     * A secret already in the clear (a temporary key's, from its session token). Its identity is a
     * SHA-256 of it, computed here.
     */
    static SigningSecret of(String secret) {
        return SecretHandle.plain(secret);
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
        return SecretHandle.sealed(accessKeyId, sealedSecret, opener);
    }

    /**
     * What a cache of derived keys may be keyed by: equal for the same secret (same key id and
     * sealed text, or same digest), unequal for any other, and never the secret itself.
     */
    Object identity();

    /** The secret in the clear; a sealed one is opened (again) on each call. Keep it no longer than needed. */
    String reveal();
}
