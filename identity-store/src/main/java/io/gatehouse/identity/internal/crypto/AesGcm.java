package io.gatehouse.identity.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM ciphers with a 128-bit tag, as every secret Gatehouse seals uses them (secrets at rest,
 * session tokens). A Cipher is not thread-safe, and {@code Cipher.getInstance}'s provider lookup
 * cost more than encrypting a token, so each thread keeps one; {@code init} resets it fully.
 */
public final class AesGcm {
    /** The authentication tag's length. */
    public static final int TAG_BITS = 128;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    });

    private AesGcm() {}

    /** This thread's cipher, initialised for {@code mode} under {@code key} with {@code nonce}. */
    public static Cipher cipher(int mode, Key key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
