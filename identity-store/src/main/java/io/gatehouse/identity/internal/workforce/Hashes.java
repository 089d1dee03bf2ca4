package io.gatehouse.identity.internal.workforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 in hex: the indexed form of long names and emails, and of SCIM tokens. */
public final class Hashes {
    private Hashes() {}

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The hash of the value compared regardless of case. */
    public static String ofLower(String text) {
        return text == null ? null : sha256(text.toLowerCase(Locale.ROOT));
    }
}
