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
        List<QueryParameter> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(eq < 0 ? new QueryParameter(pair, "")
                    : new QueryParameter(pair.substring(0, eq), pair.substring(eq + 1)));
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
        return UriEncoding.encode(UriEncoding.decodeToBytes(rawName), false);
    }

    String canonicalValue() {
        return UriEncoding.encode(UriEncoding.decodeToBytes(rawValue), false);
    }
}
