package io.gatehouse.identity.protocol;

import io.gatehouse.identity.AwsException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query-protocol request ({@code Action=...&Version=...}), from a form
 * body and/or the URL's query string, with the protocol's list ({@code Name.member.N}) and map
 * ({@code Tags.member.N.Key/Value}) encodings. Missing or malformed parameters are refused with
 * AWS's ValidationError wording. Immutable.
 */
public final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code application/x-www-form-urlencoded} text; later duplicates win. */
    public static QueryParams parse(String... encodedParts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String encoded : encodedParts) {
            if (encoded == null || encoded.isEmpty()) {
                continue;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.put(name, value);
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException("MalformedQueryString", 400, "The query string or form body is not validly encoded");
        }
    }

    /** All parameters, for the audit record (callers redact secrets). */
    public Map<String, String> all() {
        return values;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A required parameter; AWS's wording when it is missing. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw AwsException.validation("1 validation error detected: Value null at '" + camel(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** An optional integer within [min, max]. */
    public Optional<Integer> integer(String name, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + camel(name)
                    + "' failed to satisfy constraint: Member must be a number");
        }
        if (parsed < min || parsed > max) {
            throw AwsException.validation("1 validation error detected: Value '" + parsed + "' at '" + camel(name)
                    + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
        }
        return Optional.of(parsed);
    }

    public Optional<Boolean> bool(String name) {
        return optional(name).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw AwsException.validation("1 validation error detected: Value '" + v + "' at '" + camel(name)
                        + "' failed to satisfy constraint: Member must be true or false");
            }
            return Boolean.parseBoolean(v);
        });
    }

    /** A list parameter: {@code Name.member.1}, {@code Name.member.2}, ... in index order. */
    public List<String> list(String name) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        String prefix = name + ".member.";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                Integer index = index(key.substring(prefix.length()));
                if (index != null) {
                    byIndex.put(index, value);
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** A list of structures: {@code Name.member.N.Field}, as one map per member, in index order. */
    public List<Map<String, String>> structures(String name) {
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        String prefix = name + ".member.";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                Integer index = dot < 0 ? null : index(rest.substring(0, dot));
                if (index != null) {
                    byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** Tags as {@code Tags.member.N.Key} / {@code .Value}, in order; a missing Value is "". */
    public Map<String, String> tags(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> member : structures(name)) {
            String key = member.get("Key");
            if (key == null) {
                throw AwsException.validation("1 validation error detected: Value null at 'tags.member.key' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            tags.put(key, member.getOrDefault("Value", ""));
        }
        return tags;
    }

    private static Integer index(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }

    /** AWS names members in validation messages in lower camel case. */
    static String camel(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
