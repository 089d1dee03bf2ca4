package io.gatehouse.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request and their values. Key names are case-insensitive (as in IAM);
 * values are kept as given. A key maps to one or more string values (numbers, dates and booleans
 * are written as strings); a key that maps to an empty list is present with an empty value set.
 *
 * @param values keys in lower case mapped to immutable value lists
 */
public record RequestContext(Map<String, List<String>> values) {
    private static final RequestContext EMPTY = new RequestContext(Map.of());

    public RequestContext {
        Map<String, List<String>> normalized = new HashMap<>(values.size() * 2);
        values.forEach((key, list) -> normalized.put(key.toLowerCase(Locale.ROOT), List.copyOf(list)));
        values = Map.copyOf(normalized);
    }

    /** A context with no keys. */
    public static RequestContext empty() {
        return EMPTY;
    }

    /** The values of a key (any case), or null when the request does not carry it. */
    public List<String> get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects keys and values; later puts of the same key replace earlier ones. */
    public static final class Builder {
        private final Map<String, List<String>> values = new HashMap<>();

        private Builder() {}

        /** Sets a single-valued key. */
        public Builder put(String key, String value) {
            values.put(key, List.of(value));
            return this;
        }

        /** Sets a multi-valued key. */
        public Builder put(String key, List<String> value) {
            values.put(key, List.copyOf(value));
            return this;
        }

        public RequestContext build() {
            return new RequestContext(values);
        }
    }
}
