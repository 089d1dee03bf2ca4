package io.gatehouse.client;

import java.util.Map;

/**
 * Gatehouse's answer.
 *
 * @param allowed whether the client may do the action on the resource
 * @param requestId the authorize call's id (also in its audit record)
 * @param principal who signed the client's request; null when its signature did not verify
 * @param reason for a denial: {@code explicitDeny}, {@code implicitDeny} or {@code authentication}
 *     (the client's signature or credentials were refused); null when allowed
 * @param message for a denial, one sentence saying why; null when allowed
 * @param encodedMessage for a policy denial, the encoded authorization message that STS's
 *     DecodeAuthorizationMessage explains; null otherwise
 * @param errorCode for an authentication denial, AWS's code to answer the client with
 *     (SignatureDoesNotMatch, ExpiredToken, InvalidClientTokenId, RequestTimeTooSkewed, ...)
 */
public record Decision(boolean allowed, String requestId, Principal principal, String reason, String message,
        String encodedMessage, String errorCode) {

    /**
     * The client's principal.
     *
     * @param arn e.g. {@code arn:aws:iam::111122223333:user/alice} or {@code
     *     arn:aws:sts::111122223333:assumed-role/app/session}
     * @param accountId its account
     * @param userId AWS's user id: {@code AIDA...} or {@code AROA...:session}
     * @param type IAMUser, AssumedRole, FederatedUser or Root
     * @param tags principal tags (session tags win over the user's or role's)
     */
    public record Principal(String arn, String accountId, String userId, String type, Map<String, String> tags) {
        public Principal {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }
}
