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
        Map<String, List<String>> merged = new HashMap<>(headers == null ? 4 : headers.size() * 2);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    String key = name.trim().toLowerCase(Locale.ROOT);
                    List<String> earlier = merged.get(key);
                    if (earlier == null) {
                        merged.put(key, List.copyOf(values));
                    } else {
                        List<String> both = new ArrayList<>(earlier);
                        both.addAll(values);
                        merged.put(key, List.copyOf(both));
                    }
                }
            });
        }
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
        if (values.size() == 1) {
            return collapse(values.get(0));
        }
        StringBuilder out = new StringBuilder();
        appendCanonicalValue(lowerCaseName, out);
        return out.toString();
    }

    /** {@link #canonicalValue} appended to {@code out}, without a string of its own. */
    void appendCanonicalValue(String lowerCaseName, StringBuilder out) {
        List<String> values = all(lowerCaseName);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendCollapsed(values.get(i), out);
        }
    }

    /**
     * {@code String.join(" ", value.trim().split("\\s+"))} by hand: the pattern would be compiled for
     * every header of every request. {@code trim} leaves no regex whitespace at either end, so each
     * inner run becomes one space.
     */
    static String collapse(String value) {
        String trimmed = value.trim();
        if (!needsCollapsing(trimmed)) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length());
        appendCollapsed(trimmed, out);
        return out.toString();
    }

    /** {@link #collapse} appended to {@code out}. */
    private static void appendCollapsed(String value, StringBuilder out) {
        String trimmed = value.trim();
        if (!needsCollapsing(trimmed)) {
            out.append(trimmed);
            return;
        }
        boolean inRun = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (!Ascii.isSpace(c)) {
                out.append(c);
                inRun = false;
            } else if (!inRun) {
                out.append(' ');
                inRun = true;
            }
        }
    }

    /** Whether a trimmed value has whitespace other than single spaces (most values have none). */
    private static boolean needsCollapsing(String trimmed) {
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean runFollows = i + 1 < trimmed.length() && Ascii.isSpace(trimmed.charAt(i + 1));
            if (Ascii.isSpace(c) && (c != ' ' || runFollows)) {
                return true;
            }
        }
        return false;
    }
}
