package io.gatehouse.identity.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM authenticated encryption of small secrets at rest (access key secrets, signing keys,
 * TOTP seeds) under the master key.
 *
 * <p>Sealed format: {@code version (1) | key id (4) | nonce (12) | ciphertext + tag (16)}. The key id
 * is the first 4 bytes of SHA-256 of the key, so that after a rotation the right key can be found.
 * The header (version and key id) is authenticated together with the caller's associated data,
 * which should name what the secret belongs to (e.g. {@code "iam:access-key:AKIA..."}), so a sealed
 * value copied onto another row does not open.
 *
 * <p>Nonces are random (96 bits): fine for the volume of secrets at rest (far below 2^32 seals per
 * key). Thread-safe. {@link #open} refuses anything that does not authenticate with
 * {@link SecretBoxException}.
 */
public final class SecretBox {
    static final byte VERSION = 1;
    static final int KEY_ID_LENGTH = 4;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = AesGcm.TAG_BITS;
    static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH + NONCE_LENGTH;
    static final int OVERHEAD = HEADER_LENGTH + TAG_BITS / 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] keyId;

    private SecretBox(byte[] key32) {
        this.key = new SecretKeySpec(key32, "AES");
        this.keyId = keyId(key32);
    }

    /** A box under this 32-byte key (the key is copied). */
    public static SecretBox of(byte[] key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length != 32) {
            throw new IllegalArgumentException("SecretBox needs a 32-byte key, got " + key32.length + " bytes");
        }
        return new SecretBox(key32);
    }

    /** The first 4 bytes of SHA-256 of a key: identifies it without revealing it. */
    public static byte[] keyId(byte[] key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), KEY_ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** This box's key id (a copy). */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** The key id found in a sealed value's header, or null when it is too short to have one. */
    public static byte[] keyIdOf(byte[] sealed) {
        return sealed == null || sealed.length < 1 + KEY_ID_LENGTH ? null : Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_LENGTH);
    }

    /** Seals the plaintext, bound to {@code associatedData} (null means empty). */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate(OVERHEAD + plaintext.length);
        out.put(VERSION).put(keyId).put(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(out.array(), 0, 1 + KEY_ID_LENGTH);
            cipher.updateAAD(associatedData == null ? new byte[0] : associatedData);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("sealing failed: " + e.getClass().getSimpleName());
        }
        return out.array();
    }

    /**
     * Opens a sealed value.
     *
     * @throws SecretBoxException when it is malformed, sealed under another key, bound to other
     *     associated data, or altered
     */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed == null || sealed.length < OVERHEAD) {
            throw new SecretBoxException("sealed secret is truncated");
        }
        if (sealed[0] != VERSION) {
            throw new SecretBoxException("sealed secret has an unknown format version");
        }
        if (!MessageDigest.isEqual(keyId, Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_LENGTH))) {
            throw new SecretBoxException("sealed secret was sealed under another master key");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1 + KEY_ID_LENGTH, HEADER_LENGTH));
            cipher.updateAAD(sealed, 0, 1 + KEY_ID_LENGTH);
            cipher.updateAAD(associatedData == null ? new byte[0] : associatedData);
            return cipher.doFinal(sealed, HEADER_LENGTH, sealed.length - HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            // AEADBadTagException: wrong associated data or altered bytes. Say nothing more.
            throw new SecretBoxException("sealed secret does not authenticate");
        }
    }

    /** {@link #seal} of the UTF-8 text, as standard base64 (for a text column). */
    public String sealToBase64(String plaintext, String aad) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getEncoder().encodeToString(seal(bytes, utf8(aad)));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Inverse of {@link #sealToBase64}; bad base64 is refused like any other damage. */
    public String openFromBase64(String sealedBase64, String aad) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(Objects.requireNonNull(sealedBase64, "sealedBase64"));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed secret is not valid base64");
        }
        byte[] plain = open(sealed, utf8(aad));
        try {
            return new String(plain, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        return AesGcm.cipher(mode, key, nonce);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretBox[keyId=" + java.util.HexFormat.of().formatHex(keyId) + "]";
    }
}
