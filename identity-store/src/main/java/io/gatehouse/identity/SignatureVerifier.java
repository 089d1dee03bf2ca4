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
}
