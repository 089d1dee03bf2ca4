package io.gatehouse.identity;

import java.util.Map;

/**
 * An answer of a {@link SignedEndpoint}.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param headers further headers (may be empty)
 * @param body the body, sent as UTF-8
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, String body) {
    public HttpReply {
        headers = Map.copyOf(headers);
    }

    public HttpReply(int status, String contentType, String body) {
        this(status, contentType, Map.of(), body);
    }
}
