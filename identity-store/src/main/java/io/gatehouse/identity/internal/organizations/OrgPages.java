package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * MaxResults / NextToken of the List operations: keyset pagination on a sorted key, the token being
 * the last key of the page (opaque to callers; one that is not ours is InvalidInputException
 * INVALID_NEXT_TOKEN). A page is full when more rows follow, so NextToken is absent on the last.
 */
final class OrgPages {
    /** One page and the token for the next, or null. */
    record Page<T>(List<T> items, String nextToken) {}

    private OrgPages() {}

    /**
     * @param fetch given the key to start after ("" for the first page) and a limit, the rows with a
     *     greater key in key order, at most the limit
     */
    static <T> Page<T> page(JsonNode in, String kind, BiFunction<String, Integer, List<T>> fetch,
            Function<T, String> key) {
        int max = OrgInput.maxResults(in);
        String after = after(in, kind);
        List<T> rows = fetch.apply(after, max + 1);
        if (rows.size() <= max) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, max);
        return new Page<>(items, token(kind, key.apply(items.get(max - 1))));
    }

    /**
     * A page of a list in memory, in the key's Java order (not the database collation's: the
     * token's comparison must use the same order as the sort, or rows would be skipped).
     */
    static <T> Page<T> page(JsonNode in, String kind, List<T> rows, Function<T, String> key) {
        List<T> sorted = rows.stream().sorted(java.util.Comparator.comparing(key)).toList();
        return page(in, kind, (after, limit) -> sorted.stream().filter(t -> key.apply(t).compareTo(after) > 0)
                .limit(limit).toList(), key);
    }

    private static String token(String kind, String lastKey) {
        return Base64.getEncoder().encodeToString((kind + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String after(JsonNode in, String kind) {
        String token = OrgInput.text(in, "NextToken");
        if (token == null) {
            return "";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw OrgInput.invalid("INVALID_NEXT_TOKEN", "You specified an invalid value for nextToken. You must get the"
                + " value from the response to a previous call to the API.");
    }
}
