package io.gatehouse.identity;

import java.time.Instant;

/**
 * Verifies AWS Signature Version 4, in the Authorization header or presigned in the query string,
 * as botocore and the AWS SDK for Java v2 sign. Refusals are {@link AwsException}s with AWS's codes:
 * MissingAuthenticationToken, IncompleteSignature, SignatureDoesNotMatch, RequestTimeTooSkewed
 * (more than 5 minutes off), RequestExpired (presigned URL past its X-Amz-Expires). Signatures are
 * compared in constant time; unknown keys cost the same as known ones.
 */
public interface SignatureVerifier {
    SignatureCheck verify(SignedRequest request, SigningSecrets secrets, Instant now);

    /**
     * As {@link #verify}, for a request forwarded by a resource server without its body: the
     * canonical request uses {@code payloadHash} (the hex SHA-256 of the original body, or {@code
     * UNSIGNED-PAYLOAD}) instead of hashing {@code request.body()}. A signed
     * {@code x-amz-content-sha256} header must equal it. Same checks and refusals as {@link #verify}.
     */
    SignatureCheck verifyForwarded(SignedRequest request, String payloadHash, SigningSecrets secrets, Instant now);
}
