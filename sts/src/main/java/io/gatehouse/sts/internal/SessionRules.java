package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.policy.PrincipalType;
import io.gatehouse.identity.Session;
import java.util.Set;

/**
 * What AWS forbids temporary credentials to do at STS, checked before any policy: a federated user
 * (GetFederationToken) may call only GetCallerIdentity; a GetSessionToken session only AssumeRole and
 * GetCallerIdentity; a role session anything but GetSessionToken and GetFederationToken. Refusals are
 * AccessDenied, worded as AWS words GetSessionToken's.
 */
final class SessionRules {
    private static final Set<String> FEDERATED_USER_MAY = Set.of("GetCallerIdentity");
    private static final Set<String> SESSION_TOKEN_MAY = Set.of("GetCallerIdentity", "AssumeRole");
    private static final Set<String> ROLE_SESSION_MAY_NOT = Set.of("GetSessionToken", "GetFederationToken");

    private SessionRules() {}

    static void require(Caller caller, String action) {
        Session session = caller == null ? null : caller.session();
        if (session == null) {
            return;
        }
        boolean allowed = switch (session.type()) {
            case "GetFederationToken" -> FEDERATED_USER_MAY.contains(action);
            case "GetSessionToken" -> SESSION_TOKEN_MAY.contains(action);
            default -> !ROLE_SESSION_MAY_NOT.contains(action);
        };
        if (!allowed) {
            throw sessionCredentials(action);
        }
    }

    /**
     * For the calls only an IAM user's long-term key may make (GetSessionToken, GetFederationToken):
     * session credentials never reach here ({@link #require} refused them), other principals are
     * refused.
     */
    static void requireIamUser(Caller caller, String action) {
        if (caller.principal().type() != PrincipalType.IAM_USER) {
            throw AwsException.accessDenied(action + " is served for IAM users only");
        }
    }

    static AwsException sessionCredentials(String action) {
        return AwsException.accessDenied("Cannot call " + action + " with session credentials");
    }
}
