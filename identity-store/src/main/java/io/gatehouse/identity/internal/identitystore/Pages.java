package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken of the List operations: the last id of the page, so the next page starts after it
 * (keyset pagination: constant cost however deep, which 100,000 users need). Opaque to callers;
 * one that is not ours is ValidationException.
 */
final class Pages {
    private Pages() {}

    static String token(String kind, String lastId) {
        return Base64.getEncoder().encodeToString((kind + ":" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id to start after, "" for the first page. */
    static String after(JsonNode in, String kind) {
        String token = StoreInput.text(in, "NextToken");
        if (token == null) {
            return "";
        }
        StoreInput.check(token, "nextToken", 65535, StoreInput.NEXT_TOKEN);
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw new io.gatehouse.identity.AwsException("ValidationException", 400, "The NextToken is not valid.");
    }
}
