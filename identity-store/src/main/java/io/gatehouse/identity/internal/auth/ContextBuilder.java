package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.policy.PrincipalType;
import io.gatehouse.policy.RequestContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The global condition keys AWS puts in every request's context, derived from the caller. */
final class ContextBuilder {
    private ContextBuilder() {}

    static RequestContext build(Caller caller, RequestInfo request, Map<String, List<String>> extra) {
        Map<String, List<String>> keys = new HashMap<>(32);
        PrincipalType type = caller.principal().type();
        put(keys, "aws:PrincipalArn", principalArn(caller));
        put(keys, "aws:PrincipalAccount", caller.accountId());
        put(keys, "aws:PrincipalType", principalType(type));
        put(keys, "aws:userid", caller.principalId());
        if (caller.userName() != null) {
            put(keys, "aws:username", caller.userName());
        }
        caller.principalTags().forEach((k, v) -> put(keys, "aws:PrincipalTag/" + k, v));
        put(keys, "aws:SourceIp", request.sourceIp());
        put(keys, "aws:CurrentTime", request.receivedAt().toString());
        put(keys, "aws:EpochTime", Long.toString(request.receivedAt().getEpochSecond()));
        put(keys, "aws:SecureTransport", Boolean.toString(request.secureTransport()));
        put(keys, "aws:RequestedRegion", request.region());
        if (caller.session() != null) {
            put(keys, "aws:TokenIssueTime", caller.session().issuedAt().toString());
            // Long-term keys carry no MultiFactorAuthPresent at all (AWS's documented behaviour).
            put(keys, "aws:MultiFactorAuthPresent", Boolean.toString(caller.mfaAuthenticatedAt() != null));
            if (caller.session().sourceIdentity() != null) {
                put(keys, "aws:SourceIdentity", caller.session().sourceIdentity());
            }
        }
        if (caller.mfaAuthenticatedAt() != null) {
            long age = Duration.between(caller.mfaAuthenticatedAt(), request.receivedAt()).getSeconds();
            put(keys, "aws:MultiFactorAuthAge", Long.toString(Math.max(0, age)));
        }
        if (request.userAgent() != null) {
            put(keys, "aws:UserAgent", request.userAgent());
        }
        if (extra != null) {
            keys.putAll(extra);
        }
        return new RequestContext(keys);
    }

    /** For a role session AWS's aws:PrincipalArn is the role's ARN, not the session's. */
    private static String principalArn(Caller caller) {
        if (caller.session() != null && caller.principal().type() == PrincipalType.ASSUMED_ROLE) {
            return caller.session().sourceArn();
        }
        return caller.principal().arn();
    }

    private static String principalType(PrincipalType type) {
        return switch (type) {
            case ROOT -> "Account";
            case IAM_USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            default -> type.name();
        };
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
    }
}
