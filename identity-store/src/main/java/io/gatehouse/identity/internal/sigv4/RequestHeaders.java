package io.gatehouse.identity.internal.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request's headers keyed by lower-case name. Names differing only in case are merged, values
 * kept in arrival order, because HTTP names are case-insensitive and SigV4 signs them lower-cased.
 */
final class RequestHeaders {
    private final Map<String, List<String>> byName;

    private RequestHeaders(Map<String, List<String>> byName) {
        this.byName = byName;
    }

    static RequestHeaders of(Map<String, List<String>> headers) {
        Map<String, List<String>> merged = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    merged.computeIfAbsent(name.trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .addAll(values);
                }
            });
        }
        merged.replaceAll((k, v) -> List.copyOf(v));
        return new RequestHeaders(Collections.unmodifiableMap(merged));
    }

    /** All values of the header, empty when absent. */
    List<String> all(String lowerCaseName) {
        return byName.getOrDefault(lowerCaseName, List.of());
    }

    /** The first value, or null when the header is absent. */
    String first(String lowerCaseName) {
        List<String> values = all(lowerCaseName);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The canonical value: each value trimmed with inner whitespace runs collapsed to one space
     * (botocore's {@code ' '.join(v.split())}), then joined with ','. An absent header is "".
     */
    String canonicalValue(String lowerCaseName) {
        List<String> values = all(lowerCaseName);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(String.join(" ", values.get(i).trim().split("\\s+")));
        }
        return out.toString();
    }
}
