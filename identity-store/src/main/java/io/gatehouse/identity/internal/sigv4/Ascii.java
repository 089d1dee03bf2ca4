package io.gatehouse.identity.internal.sigv4;

/**
 * Character classes of the SigV4 grammar, checked by hand on the per-request path instead of with
 * regular expressions (a pattern given to {@code String.split} is compiled on every call, and a
 * matcher is an allocation). Each method states the pattern it stands for.
 */
final class Ascii {
    private Ascii() {}

    /** Regex {@code \s}: space, tab, LF, VT, FF, CR (not {@link Character#isWhitespace}, which is wider). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Regex {@code [0-9]*} over {@code text[from, to)}. */
    static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Regex {@code [0-9a-fA-F]{64}}: a SHA-256 in hex, either case. */
    static boolean isHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
