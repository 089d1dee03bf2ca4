package io.gatehouse.identity;

import java.time.Instant;

/**
 * Checks one-time codes of MFA devices presented with a request (AssumeRole's and
 * GetSessionToken's SerialNumber and TokenCode). A code is accepted at most once.
 */
public interface MfaCodes {
    /**
     * Whether {@code code} is a current, unused code of the enabled device {@code serialNumber}
     * belonging to the user {@code userId} of the account; records its use in the caller's
     * transaction.
     *
     * @return false for an unknown, other user's or not enabled device, or a wrong, malformed or
     *     already used code; never throws for bad input
     */
    boolean verify(String accountId, String userId, String serialNumber, String code, Instant now);
}
