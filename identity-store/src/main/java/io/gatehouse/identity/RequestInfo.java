package io.gatehouse.identity;

import java.time.Instant;

/**
 * Facts about one HTTP request that policies and audit records use.
 *
 * @param requestId the id returned to the caller and written to the audit record
 * @param sourceIp the caller's address (aws:SourceIp)
 * @param userAgent the User-Agent header, or null
 * @param region the region the request was signed for (aws:RequestedRegion)
 * @param secureTransport whether it arrived over TLS (aws:SecureTransport)
 * @param receivedAt when it arrived (aws:CurrentTime)
 */
public record RequestInfo(String requestId, String sourceIp, String userAgent, String region, boolean secureTransport,
        Instant receivedAt) {}
