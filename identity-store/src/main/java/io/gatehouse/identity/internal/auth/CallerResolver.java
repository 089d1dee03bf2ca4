package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.TagEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.Principal;
import io.gatehouse.identity.persistence.PolicyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a verified key (and its session, if temporary) into a {@link Caller} with its policies.
 * Callers are cached per replica and valid while their account's policy epoch is unchanged (every
 * change that matters to them bumps it; see {@link PolicySets}): a long-term key's caller on its
 * {@link AccessKeyCache} entry, a session's caller here, by its temporary key id. A cached caller
 * costs one primary-key read per request.
 */
@ApplicationScoped
public class CallerResolver {
    private static final int MAX_SESSIONS = 100_000;

    /** A session's caller as resolved at {@code epoch} of its account. */
    private record SessionEntry(Session session, long epoch, Caller caller) {}

    private final PolicyEngine engine = PolicyEngine.create();
    private final Map<String, SessionEntry> sessions = new ConcurrentHashMap<>();

    @Inject
    PolicySets policySets;
    @Inject
    AccountStates accounts;

    public Caller resolve(StoreSigningSecrets secrets, String accessKeyId) {
        Session session = secrets.session();
        if (session != null) {
            return cachedFromSession(session);
        }
        AccessKeyCache.Entry key = secrets.accessKey();
        if (key == null) {
            throw AwsException.invalidClientTokenId();
        }
        Caller cached = key.caller;
        if (cached != null) {
            return cached;
        }
        UserEntity user = key.userId == null ? null : UserEntity.findById(key.userId);
        if (user == null) {
            throw AwsException.invalidClientTokenId();
        }
        active(user.accountId);
        PolicySet policies = policySets.identityPolicies(user.accountId, user.id, true, user.boundaryArn);
        Caller caller = new Caller(Principal.fromArn(user.arn), "IAMUser", user.id, user.name, accessKeyId, null,
                policySets.prepare(policies), tags(user.id), null);
        key.caller = caller;
        return caller;
    }

    /**
     * The session's caller, from the cache when its account's epoch has not moved. The session
     * itself was opened and authenticated by now (its token is sealed by the ring), and the entry
     * must be for that very session, not only its key id.
     */
    private Caller cachedFromSession(Session session) {
        AccountStates.State account = accounts.of(session.accountId());
        if (!account.active()) {
            throw AwsException.invalidClientTokenId();
        }
        SessionEntry cached = sessions.get(session.accessKeyId());
        if (cached != null && cached.epoch() == account.epoch() && cached.session().equals(session)) {
            return cached.caller();
        }
        Caller caller = fromSession(session);
        if (sessions.size() > MAX_SESSIONS) {
            sessions.clear();
        }
        sessions.put(session.accessKeyId(), new SessionEntry(session, account.epoch(), caller));
        return caller;
    }

    private Caller fromSession(Session session) {
        Principal principal = Principal.fromArn(session.principalArn());
        Map<String, String> tags = new HashMap<>();
        PolicySet base;
        String userName = null;
        String identityType;
        if (session.sourceArn() != null && session.sourceArn().contains(":role/")) {
            RoleEntity role = RoleEntity.find("arn", session.sourceArn()).firstResult();
            if (role == null || session.principalId() == null || !session.principalId().startsWith(role.id + ":")) {
                // Gone, or deleted and created again under the same name: the old role's sessions end.
                throw AwsException.invalidClientTokenId();
            }
            revokedCheck(role, session);
            active(role.accountId);
            base = policySets.identityPolicies(role.accountId, role.id, false, role.boundaryArn);
            tags.putAll(tags(role.id));
            identityType = "AssumedRole";
        } else {
            UserEntity user = UserEntity.find("arn", session.sourceArn()).firstResult();
            if (user == null) {
                throw AwsException.invalidClientTokenId();
            }
            active(user.accountId);
            base = policySets.identityPolicies(user.accountId, user.id, true, user.boundaryArn);
            tags.putAll(tags(user.id));
            boolean federated = session.type().equals("GetFederationToken");
            // A federated user is not the IAM user: no aws:username, no userName in CloudTrail.
            userName = federated ? null : user.name;
            identityType = federated ? "FederatedUser" : "IAMUser";
        }
        tags.putAll(session.tags());
        PolicySet withSession = new PolicySet(base.identity(), null, base.boundary(), sessionPolicies(session),
                base.scp());
        return new Caller(principal, identityType, session.principalId(), userName, session.accessKeyId(), session,
                policySets.prepare(withSession), tags, session.mfaAuthenticatedAt());
    }

    /**
     * A closed (suspended) account's credentials stop working: its keys and sessions are refused as
     * unknown. Closing bumps the account's policy epoch, so no cached caller outlives it.
     */
    private void active(String accountId) {
        if (!accounts.of(accountId).active()) {
            throw AwsException.invalidClientTokenId();
        }
    }

    /** "Revoke active sessions" denies sessions issued before the role's cut-off. */
    private static void revokedCheck(RoleEntity role, Session session) {
        if (role.sessionsRevokedBefore != null && session.issuedAt().isBefore(role.sessionsRevokedBefore)) {
            throw AwsException.accessDenied("The session was revoked: its role's sessions issued before "
                    + role.sessionsRevokedBefore + " are no longer valid");
        }
    }

    /** Null when the session carries no session policies (GetSessionToken, AssumeRole without). */
    private List<Policy> sessionPolicies(Session session) {
        boolean federation = session.type().equals("GetFederationToken");
        if (session.sessionPolicies() == null && session.sessionPolicyArns().isEmpty() && !federation) {
            return null;
        }
        List<Policy> out = new ArrayList<>();
        if (session.sessionPolicies() != null) {
            for (String document : session.sessionPolicies()) {
                try {
                    out.add(engine.compile(document, PolicyKind.SESSION, Integer.MAX_VALUE));
                } catch (MalformedPolicyException e) {
                    throw AwsException.invalidClientTokenId();
                }
            }
        }
        for (String arn : session.sessionPolicyArns()) {
            PolicyEntity.<PolicyEntity>find("arn", arn).firstResultOptional().map(policySets::managed).ifPresent(out::add);
        }
        return out;
    }

    private static Map<String, String> tags(String entityId) {
        Map<String, String> tags = new HashMap<>();
        TagEntity.<TagEntity>list("entityId", entityId).forEach(t -> tags.put(t.key, t.value));
        return tags;
    }
}
