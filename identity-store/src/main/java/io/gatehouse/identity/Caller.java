package io.gatehouse.identity;

import io.gatehouse.policy.Principal;
import io.gatehouse.policy.PreparedPolicySet;
import java.time.Instant;
import java.util.Map;

/**
 * An authenticated caller with everything authorization needs, resolved once per request.
 *
 * @param principal the principal as the policy engine sees it
 * @param identityType CloudTrail's userIdentity type: Root, IAMUser, AssumedRole, FederatedUser
 * @param principalId AWS's principal id: the user's unique id, or {@code AROA...:session}
 * @param userName the IAM user's name (for IAM users and their GetSessionToken sessions), or null
 * @param accessKeyId the access key that signed the request
 * @param session the temporary-credential session, or null for long-term keys
 * @param policies the caller's prepared policy set (identity, boundary, session, guardrails)
 * @param principalTags tags of the user or role, overridden by session tags
 * @param mfaAuthenticatedAt when MFA was presented, or null
 */
public record Caller(Principal principal, String identityType, String principalId, String userName, String accessKeyId,
        Session session, PreparedPolicySet policies, Map<String, String> principalTags, Instant mfaAuthenticatedAt) {

    public Caller {
        principalTags = principalTags == null ? Map.of() : Map.copyOf(principalTags);
    }

    public String accountId() {
        return principal.accountId();
    }
}
