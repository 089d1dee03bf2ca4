package io.gatehouse.identity.internal.crypto;

import java.security.SecureRandom;

/**
 * Identifiers in AWS's formats, drawn uniformly from {@link SecureRandom}.
 *
 * <ul>
 *   <li>access key ids: {@code AKIA} (long-term) or {@code ASIA} (temporary) + 16 of {@code [A-Z2-7]};
 *   <li>secret access keys: 40 of {@code [A-Za-z0-9+/]};
 *   <li>unique ids: a 4-letter prefix + 17 of {@code [A-Z2-7]} (21 characters), e.g. {@code AIDA} user,
 *       {@code AGPA} group, {@code AROA} role, {@code ANPA} managed policy;
 *   <li>account ids: 12 decimal digits, the first non-zero;
 *   <li>MFA serial suffixes: 16 of {@code [A-Z2-7]}, for device serials Gatehouse names itself.
 * </ul>
 * Uniqueness against existing rows is the caller's (a unique constraint); 16+ random Base32
 * characters (80+ bits) make a collision practically impossible.
 */
public final class AwsIds {
    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final String DIGITS = "0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AwsIds() {
    }

    /** A long-term access key id: {@code AKIA} + 16. */
    public static String accessKeyId() {
        return "AKIA" + draw(BASE32, 16);
    }

    /** A temporary (STS) access key id: {@code ASIA} + 16. */
    public static String temporaryAccessKeyId() {
        return "ASIA" + draw(BASE32, 16);
    }

    /**
     * A temporary access key id that carries its account as AWS's do: {@code ASIA} + 16 Base32
     * characters of 80 bits, of which bits 7..46 of the first 48 hold the account number and the
     * other 40 are random. {@link #accountOfKey} reads it back.
     */
    public static String temporaryAccessKeyId(String accountId) {
        return "ASIA" + withAccount(accountId);
    }

    /** A long-term access key id that carries its account, like {@link #temporaryAccessKeyId(String)}. */
    public static String accessKeyId(String accountId) {
        return "AKIA" + withAccount(accountId);
    }

    /**
     * The account number an access key id carries (AWS's encoding, see {@link
     * #temporaryAccessKeyId(String)}), as 12 digits; empty when the id is shorter than 20 characters
     * or its characters 5..20 are not Base32.
     */
    public static java.util.Optional<String> accountOfKey(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() < 20) {
            return java.util.Optional.empty();
        }
        long bits = 0;
        for (int i = 4; i < 14; i++) { // 10 characters = 50 bits, enough for the first 48
            int v = BASE32.indexOf(accessKeyId.charAt(i));
            if (v < 0) {
                return java.util.Optional.empty();
            }
            bits = bits << 5 | v;
        }
        for (int i = 14; i < 20; i++) {
            if (BASE32.indexOf(accessKeyId.charAt(i)) < 0) {
                return java.util.Optional.empty();
            }
        }
        long first48 = bits >>> 2;
        return java.util.Optional.of(String.format("%012d", (first48 & ACCOUNT_MASK) >>> 7));
    }

    private static final long ACCOUNT_MASK = 0x7fffffffff80L;

    private static String withAccount(String accountId) {
        long account = Long.parseLong(accountId);
        if (account < 0 || account > (ACCOUNT_MASK >>> 7)) {
            throw new IllegalArgumentException("not an account number");
        }
        byte[] raw = new byte[10];
        RANDOM.nextBytes(raw);
        long first48 = 0;
        for (int i = 0; i < 6; i++) {
            first48 = first48 << 8 | (raw[i] & 0xff);
        }
        first48 = first48 & ~ACCOUNT_MASK | account << 7;
        for (int i = 5; i >= 0; i--) {
            raw[i] = (byte) first48;
            first48 >>>= 8;
        }
        StringBuilder out = new StringBuilder(16);
        int buffer = 0;
        int bitsLeft = 0;
        for (byte b : raw) {
            buffer = buffer << 8 | (b & 0xff);
            bitsLeft += 8;
            while (bitsLeft >= 5) {
                out.append(BASE32.charAt(buffer >>> (bitsLeft - 5) & 31));
                bitsLeft -= 5;
            }
        }
        return out.toString();
    }

    /** A secret access key: 40 characters of {@code [A-Za-z0-9+/]}. */
    public static String secretAccessKey() {
        return draw(SECRET_ALPHABET, 40);
    }

    /** A user's unique id: {@code AIDA} + 17. */
    public static String userId() {
        return uniqueId("AIDA");
    }

    /** A group's unique id: {@code AGPA} + 17. */
    public static String groupId() {
        return uniqueId("AGPA");
    }

    /** A role's unique id: {@code AROA} + 17. */
    public static String roleId() {
        return uniqueId("AROA");
    }

    /** A managed policy's unique id: {@code ANPA} + 17. */
    public static String policyId() {
        return uniqueId("ANPA");
    }

    /** A unique id for another kind (e.g. {@code AIPA} instance profile): 4-letter prefix + 17. */
    public static String uniqueId(String prefix) {
        if (prefix == null || !prefix.matches("A[A-Z0-9]{3}")) {
            throw new IllegalArgumentException("unique id prefix must be 4 characters starting with A");
        }
        return prefix + draw(BASE32, 17);
    }

    /** A 12-digit account id whose first digit is not zero. */
    public static String accountId() {
        return draw("123456789", 1) + draw(DIGITS, 11);
    }

    /** A suffix for an MFA device serial Gatehouse names itself: 16 of {@code [A-Z2-7]}. */
    public static String mfaSerialSuffix() {
        return draw(BASE32, 16);
    }

    private static String draw(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length())); // unbiased: nextInt(bound) rejects
        }
        return new String(out);
    }
}
