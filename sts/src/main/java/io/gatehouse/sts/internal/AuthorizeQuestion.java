package io.gatehouse.sts.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a resource server asks the authorization API: the client's request as it arrived, and
 * what the client wants to do. Parsed and checked by the API layer.
 *
 * @param method the original request's HTTP method, upper case
 * @param path the original request's path as sent (percent-encoded)
 * @param query the original query string as sent, without '?', "" when none
 * @param headers the original headers, names lower case (Host, Authorization or presigned query,
 *     X-Amz-Date, X-Amz-Security-Token, and every other signed header)
 * @param payloadHash hex SHA-256 of the original body, or {@code UNSIGNED-PAYLOAD}
 * @param action the action to decide, {@code service:Name}
 * @param resource the resource ARN (or {@code *})
 * @param context extra condition keys, never {@code aws:} keys that Gatehouse itself derives
 * @param resourcePolicy a resource-based policy document to evaluate with the caller's, or null
 * @param sourceIp the client's address as the resource server saw it, or null
 * @param secureTransport whether the client's request arrived over TLS
 * @param signingName the signing name the client's credential scope must carry, or null for any
 */
public record AuthorizeQuestion(String method, String path, String query, Map<String, List<String>> headers,
        String payloadHash, String action, String resource, Map<String, List<String>> context, String resourcePolicy,
        String sourceIp, boolean secureTransport, String signingName) {

    public AuthorizeQuestion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** The header's first value, or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
