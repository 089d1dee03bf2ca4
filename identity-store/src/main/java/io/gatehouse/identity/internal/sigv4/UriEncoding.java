package io.gatehouse.identity.internal.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: every byte except the RFC 3986 unreserved set ({@code A-Z a-z 0-9 - _ . ~})
 * becomes {@code %XY} with upper-case hex. Decoding (of query components only) reads '+' as a
 * space: botocore puts spaces on the wire as '+' while signing them as {@code %20}, and every SDK
 * sends a literal '+' as {@code %2B}.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /** Encodes the UTF-8 bytes of {@code text}; '/' is kept when {@code keepSlash}. */
    static String encode(String text, boolean keepSlash) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes a query component to bytes ('+' is a space). A '%' not followed by two hex digits is
     * kept literally: the request is not refused for it here, it simply will not match a signature
     * computed over something else.
     */
    static byte[] decodeToBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (in[i] == '+') {
                out.write(' ');
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    static String decode(String text) {
        // Most names and values on the wire need no decoding: ASCII without '%' or '+' comes back as is.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == '%' || c == '+') {
                return new String(decodeToBytes(text), StandardCharsets.UTF_8);
            }
        }
        return text;
    }

    /**
     * A query component decoded, then encoded canonically: {@code encode(decodeToBytes(raw), false)},
     * which is {@code raw} itself when it holds only unreserved characters (as SDKs send most).
     */
    static String reencode(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (!isUnreserved(raw.charAt(i))) {
                return encode(decodeToBytes(raw), false);
            }
        }
        return raw;
    }

    static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
