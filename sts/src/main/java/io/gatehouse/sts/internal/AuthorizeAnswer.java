package io.gatehouse.sts.internal;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.policy.Outcome;

/**
 * The authorization API's answer about one client request.
 *
 * @param requestId the id of the authorize call (also in its audit record)
 * @param outcome allowed, explicit or implicit deny; null when the client was not authenticated
 * @param client the client's resolved principal; null when its signature did not verify
 * @param reason why, in one sentence (the policy engine's, or the authentication error's message)
 * @param encodedMessage the sealed explanation of a policy denial, or null
 * @param errorCode AWS's code when the client's signature was refused (SignatureDoesNotMatch,
 *     ExpiredToken, ...), AccessDenied for a policy denial, null when allowed
 * @param request facts about the client's request (source address, region, time), for the record
 */
public record AuthorizeAnswer(String requestId, Outcome outcome, Caller client, String reason,
        String encodedMessage, String errorCode, RequestInfo request) {

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
