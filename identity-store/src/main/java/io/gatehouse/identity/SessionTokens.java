package io.gatehouse.identity;

import java.time.Instant;

/**
 * Seals sessions into self-contained tokens (authenticated encryption under a rotating key ring)
 * and opens them again, on any replica, without a database read.
 */
public interface SessionTokens {
    /** The session token for this session (the X-Amz-Security-Token a client sends back). */
    String seal(Session session);

    /**
     * Opens and authenticates a token.
     *
     * @throws AwsException InvalidClientTokenId when the token is not one of ours or was altered,
     *     ExpiredToken when {@code now} is past its expiry
     */
    Session open(String token, Instant now);
}
