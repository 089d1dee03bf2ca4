package io.gatehouse.identity.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1), encoded as
 * the PHC string the reference implementation writes:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (standard base64 without padding).
 *
 * <p>{@link #verify} reads the parameters from the stored string, so they can be raised later
 * ({@link #needsRehash} tells when to re-hash at login). A malformed or out-of-bounds stored string
 * verifies as false: it is never echoed in an exception. Passwords are encoded as UTF-8; every
 * array made from them here is wiped after use. Thread-safe.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;

    // Bounds on parameters read back from a stored string, so a corrupted row cannot make us
    // allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The PHC string of a fresh Argon2id hash of {@code password} under a random 16-byte salt. */
    public String hash(char[] password) {
        return hashWith(password, MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    /** {@link #hash} at other parameters: for tests of parameter changes. */
    String hashWith(char[] password, int memoryKib, int iterations, int parallelism) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, new Params(memoryKib, iterations, parallelism), salt, HASH_LENGTH);
        try {
            return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                    + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** Whether {@code password} matches the stored PHC string; false for any malformed string. */
    public boolean verify(char[] password, String encoded) {
        if (password == null) {
            return false;
        }
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.params, parsed.salt, parsed.hash.length);
        try {
            return MessageDigest.isEqual(actual, parsed.hash); // constant time for equal lengths
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /** True when the stored string is not an Argon2id hash at today's parameters (re-hash it at next login). */
    public boolean needsRehash(String encoded) {
        Parsed parsed = Parsed.of(encoded);
        return parsed == null || parsed.params.memoryKib != MEMORY_KIB || parsed.params.iterations != ITERATIONS
                || parsed.params.parallelism != PARALLELISM || parsed.salt.length < SALT_LENGTH
                || parsed.hash.length != HASH_LENGTH;
    }

    private static byte[] derive(char[] password, Params params, byte[] salt, int length) {
        byte[] pw = utf8(password);
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(params.memoryKib)
                    .withIterations(params.iterations)
                    .withParallelism(params.parallelism)
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(pw, out);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** UTF-8 bytes of the password without an intermediate String (which could not be wiped). */
    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding failed"); // cannot happen with REPLACE
        }
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private record Params(int memoryKib, int iterations, int parallelism) {
    }

    /** A stored string taken apart, or null when it is not one we accept. */
    private record Parsed(Params params, byte[] salt, byte[] hash) {
        static Parsed of(String encoded) {
            if (encoded == null || !encoded.startsWith(PREFIX) || encoded.length() > 512) {
                return null;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                Params params = params(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] hash = Base64.getDecoder().decode(parts[2]);
                if (params == null || salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
                    return null;
                }
                return new Parsed(params, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static Params params(String text) {
            String[] kv = text.split(",", -1);
            if (kv.length != 3 || !kv[0].startsWith("m=") || !kv[1].startsWith("t=") || !kv[2].startsWith("p=")) {
                return null;
            }
            int m = Integer.parseInt(kv[0].substring(2));
            int t = Integer.parseInt(kv[1].substring(2));
            int p = Integer.parseInt(kv[2].substring(2));
            boolean ok = p >= 1 && p <= MAX_PARALLELISM && t >= 1 && t <= MAX_ITERATIONS && m >= 8 * p && m <= MAX_MEMORY_KIB;
            return ok ? new Params(m, t, p) : null;
        }
    }
}
