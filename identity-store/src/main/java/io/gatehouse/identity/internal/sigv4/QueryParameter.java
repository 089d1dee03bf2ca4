package io.gatehouse.identity.internal.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code name=value} pair of a raw query string, kept as sent (percent-encoded) and decoded.
 *
 * @param rawName the name as sent
 * @param rawValue the value as sent, "" when the pair had no '='
 */
record QueryParameter(String rawName, String rawValue) {

    /** Splits a raw query on '&'; empty pairs ({@code a=1&&b=2}) are dropped as the SDKs do. */
    static List<QueryParameter> parseAll(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<QueryParameter> params = new ArrayList<>();
        int from = 0;
        while (from <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', from);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > from) {
                String pair = rawQuery.substring(from, end);
                int eq = pair.indexOf('=');
                params.add(eq < 0 ? new QueryParameter(pair, "")
                        : new QueryParameter(pair.substring(0, eq), pair.substring(eq + 1)));
            }
            from = end + 1;
        }
        return List.copyOf(params);
    }

    String name() {
        return UriEncoding.decode(rawName);
    }

    String value() {
        return UriEncoding.decode(rawValue);
    }

    /** The name re-encoded canonically, whatever escaping the client chose on the wire. */
    String canonicalName() {
        return UriEncoding.reencode(rawName);
    }

    String canonicalValue() {
        return UriEncoding.reencode(rawValue);
    }
}
