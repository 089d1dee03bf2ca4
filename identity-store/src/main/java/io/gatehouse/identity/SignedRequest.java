package io.gatehouse.identity;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it arrived, with what SigV4 verification needs.
 *
 * @param method the HTTP method, upper case
 * @param rawPath the path exactly as sent (still percent-encoded), e.g. {@code /}
 * @param rawQuery the query string exactly as sent (percent-encoded, without '?'), or "" if none
 * @param headers header names (any case) to their values in arrival order
 * @param body the request body bytes (empty array when none)
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        byte[] body) {}
