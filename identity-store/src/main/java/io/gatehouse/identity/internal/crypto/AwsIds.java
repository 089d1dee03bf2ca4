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
