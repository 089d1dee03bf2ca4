package io.gatehouse.identity;

import java.time.Instant;

/**
 * A verified SigV4 signature: who signed and under which scope.
 *
 * @param accessKeyId the key that signed (AKIA... or ASIA...)
 * @param sessionToken the X-Amz-Security-Token sent with it, or null
 * @param region the credential scope's region
 * @param service the credential scope's service, e.g. {@code iam}, {@code sts}
 * @param signedAt the request time (X-Amz-Date)
 * @param presigned whether the signature came in the query string
 */
public record SignatureCheck(String accessKeyId, String sessionToken, String region, String service,
        Instant signedAt, boolean presigned) {}
