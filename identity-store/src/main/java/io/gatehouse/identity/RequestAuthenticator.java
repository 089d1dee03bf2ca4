package io.gatehouse.identity;

/**
 * SigV4 authentication for endpoints outside the Query-protocol front door: the authorization API
 * authenticates both the resource server that calls it and the client request it forwards. Same
 * rules as the front door (5 minutes of clock skew, scope date, constant-time comparison, unknown
 * keys answered exactly as wrong signatures); both methods must run inside a transaction.
 *
 * <p>Refusals are {@link AwsException}s with AWS's codes: MissingAuthenticationToken,
 * IncompleteSignature, SignatureDoesNotMatch, RequestTimeTooSkewed, RequestExpired,
 * InvalidClientTokenId, ExpiredToken, and AccessDenied for a revoked role session.
 */
public interface RequestAuthenticator {
    /**
     * A verified signer.
     *
     * @param caller the resolved caller with its policies
     * @param region the credential scope's region
     * @param service the credential scope's service (the signing name)
     */
    record Authenticated(Caller caller, String region, String service) {}

    /** Verifies a request as it arrived, hashing its body, and resolves its caller. */
    Authenticated authenticate(SignedRequest request);

    /**
     * Verifies a request that a resource server received and forwards without its body, with the
     * payload hash the resource server computed (hex SHA-256, or {@code UNSIGNED-PAYLOAD}).
     */
    Authenticated authenticateForwarded(SignedRequest request, String payloadHash);
}
