package io.gatehouse.identity.internal.session;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.internal.crypto.AesGcm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens as authenticated encryption of the whole session, so any replica can open one
 * without a database read.
 *
 * <p>Format: {@code GH1} followed by base64url (no padding) of
 * {@code id length (1) | key id (ASCII) | nonce (12) | AES-256-GCM(payload) + tag (16)}, with
 * associated data {@code "GH1" + key id}. The payload is one flag byte (0 = JSON, 1 = raw DEFLATE
 * of the JSON, used when shorter) followed by {@link SessionJson}.
 *
 * <p>Compressing before encrypting lets token length depend on content. The only secret inside is
 * the session's own secret access key, which is handed to the same caller who chose the policies
 * and tags, so there is nothing for a compression oracle to learn.
 *
 * <p>{@link #open} refuses with {@link AwsException#invalidClientTokenId()} anything that is not a
 * token we sealed under a key still in the ring (wrong prefix, bad base64, over 8 KB, unknown key,
 * any altered byte), and with {@link AwsException#expiredToken()} a token at or past its expiry.
 * Token contents never appear in messages or logs.
 */
public final class SessionTokenCodec implements SessionTokens, AutoCloseable {
    static final String PREFIX = "GH1";
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = AesGcm.TAG_BITS;
    private static final int MAX_PAYLOAD = 64 * 1024; // inflate bound
    private static final byte RAW = 0;
    private static final byte DEFLATED = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyRing keys;

    public SessionTokenCodec(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Closes the key ring when it holds resources (a background refresh). */
    @Override
    public void close() {
        if (keys instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the session key ring failed", e);
            }
        }
    }

    @Override
    public String seal(Session session) {
        Objects.requireNonNull(session, "session");
        KeyRing.Key key = keys.current();
        byte[] id = key.idBytes();
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] payload = payload(SessionJson.write(session));
        ByteBuffer out = ByteBuffer.allocate(1 + id.length + NONCE_LENGTH + payload.length + TAG_BITS / 8);
        out.put((byte) id.length).put(id).put(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(aad(id));
            cipher.doFinal(ByteBuffer.wrap(payload), out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("session token sealing failed: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        if (token.length() > MAX_TOKEN_CHARS) {
            // We would refuse it on the way back in: fail here, where the cause is ours.
            throw new IllegalStateException("session too large for a token (" + token.length() + " characters)");
        }
        return token;
    }

    @Override
    public Session open(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        Session session = authenticate(token).orElseThrow(AwsException::invalidClientTokenId);
        if (!now.isBefore(session.expiresAt())) {
            throw AwsException.expiredToken();
        }
        return session;
    }

    /** The session, or empty for anything that is not an intact token of ours. */
    private Optional<Session> authenticate(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int idLength = raw.length == 0 ? 0 : raw[0] & 0xff;
        if (idLength == 0 || raw.length < 1 + idLength + NONCE_LENGTH + TAG_BITS / 8 + 1) {
            return Optional.empty();
        }
        String id = new String(raw, 1, idLength, StandardCharsets.US_ASCII);
        Optional<KeyRing.Key> key = keys.byId(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        int ctOffset = 1 + idLength + NONCE_LENGTH;
        byte[] payload = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.get(), Arrays.copyOfRange(raw, 1 + idLength, ctOffset));
            cipher.updateAAD(aad(Arrays.copyOfRange(raw, 1, 1 + idLength)));
            payload = cipher.doFinal(raw, ctOffset, raw.length - ctOffset);
            return Optional.of(SessionJson.read(json(payload)));
        } catch (GeneralSecurityException | IOException | DataFormatException | RuntimeException e) {
            // Bad tag, or (only with a bug or version skew, as it authenticated) an unreadable payload.
            return Optional.empty();
        } finally {
            if (payload != null) {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }

    private static byte[] aad(byte[] id) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] aad = Arrays.copyOf(prefix, prefix.length + id.length);
        System.arraycopy(id, 0, aad, prefix.length, id.length);
        return aad;
    }

    private static Cipher cipher(int mode, KeyRing.Key key, byte[] nonce) throws GeneralSecurityException {
        byte[] secret = key.secret32();
        try {
            return AesGcm.cipher(mode, new SecretKeySpec(secret, "AES"), nonce);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Flag byte + JSON, deflated when that is shorter. */
    private static byte[] payload(byte[] json) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] buffer = new byte[json.length + 64];
        int length;
        try {
            deflater.setInput(json);
            deflater.finish();
            length = deflater.deflate(buffer);
            if (!deflater.finished()) {
                length = Integer.MAX_VALUE; // did not fit: larger than raw anyway
            }
        } finally {
            deflater.end();
        }
        byte[] out;
        if (length < json.length) {
            out = new byte[1 + length];
            out[0] = DEFLATED;
            System.arraycopy(buffer, 0, out, 1, length);
        } else {
            out = new byte[1 + json.length];
            out[0] = RAW;
            System.arraycopy(json, 0, out, 1, json.length);
        }
        Arrays.fill(buffer, (byte) 0);
        Arrays.fill(json, (byte) 0);
        return out;
    }

    private static byte[] json(byte[] payload) throws DataFormatException, IOException {
        if (payload.length == 0) {
            throw new IOException("empty payload");
        }
        if (payload[0] == RAW) {
            return Arrays.copyOfRange(payload, 1, payload.length);
        }
        if (payload[0] != DEFLATED) {
            throw new IOException("unknown payload encoding");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(payload, 1, payload.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4);
            byte[] chunk = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_PAYLOAD) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    @Override
    public String toString() {
        return "SessionTokenCodec[current key=" + keys.current().id() + "]";
    }
}
