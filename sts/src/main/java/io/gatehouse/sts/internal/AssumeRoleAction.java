package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RoleDirectory;
import io.gatehouse.identity.RoleInfo;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.TemporaryKeys;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import io.gatehouse.policy.PrincipalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AssumeRole: a role session for a caller the role's trust policy (and, unless it names the
 * caller, the caller's own policies) allows; see {@link TrustCheck}. Takes RoleArn,
 * RoleSessionName, DurationSeconds (900 to the role's MaxSessionDuration, at most 3600 when the
 * caller is itself a role session), ExternalId, Policy and PolicyArns (up to 10), SerialNumber with TokenCode, Tags,
 * TransitiveTagKeys and SourceIdentity. A role that does not exist is refused like one the caller
 * may not assume, so its existence is not disclosed.
 */
@ApplicationScoped
class AssumeRoleAction {
    static final int DEFAULT_DURATION = 3600;
    static final int MAX_DURATION = 43_200;
    static final int CHAINED_MAX_DURATION = 3600;

    @Inject
    RoleDirectory roles;
    @Inject
    TrustCheck trust;
    @Inject
    MfaCheck mfaCheck;
    @Inject
    TemporaryKeys keys;
    @Inject
    SessionTokens tokens;
    @Inject
    Clock clock;

    AwsReply handle(AwsCall call) {
        Caller caller = call.caller();
        QueryParams p = call.params();
        String roleArn = StsInputs.roleArn(p.required("RoleArn"));
        String sessionName = StsInputs.name(p.required("RoleSessionName"), "roleSessionName");
        int duration = StsInputs.duration(p, DEFAULT_DURATION, MAX_DURATION);
        String policy = StsInputs.sessionPolicy(p).orElse(null);
        List<String> policyArns = StsInputs.policyArns(p);
        Map<String, String> requestTags = StsInputs.tags(p);
        List<String> transitive = StsInputs.transitiveTagKeys(p, requestTags);
        String requestedSource = StsInputs.sourceIdentity(p).orElse(null);
        String externalId = StsInputs.externalId(p).orElse(null);
        Instant now = clock.instant();
        Instant mfaAt = mfaCheck.verify(caller, StsInputs.mfa(p).orElse(null), now);

        Session from = caller.session();
        boolean chained = from != null && caller.principal().type() == PrincipalType.ASSUMED_ROLE;
        String sourceIdentity = sourceIdentity(from, requestedSource);
        Map<String, List<String>> context = context(externalId, sessionName, requestedSource, requestTags,
                transitive, mfaAt != null && !mfaAt.equals(caller.mfaAuthenticatedAt()));
        RoleInfo role = roles.role(roleArn).orElseThrow(() -> AwsException.accessDenied("User: "
                + caller.principal().arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn));
        trust.require(caller, call.request(), role, actions(requestTags, requestedSource), context);

        if (chained && duration > CHAINED_MAX_DURATION) {
            throw AwsException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                    + "assumed by role chaining.");
        }
        if (duration > role.maxSessionDuration()) {
            throw AwsException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> transitiveKeys = new LinkedHashSet<>(transitive);
        if (chained) {
            inheritTransitiveTags(from, requestTags, tags, transitiveKeys);
        }
        tags.putAll(requestTags);
        Integer packed = PackedPolicy.percent(policy, policyArns, tags);

        TemporaryKeys.KeyPair pair = keys.draw(role.accountId());
        String principalArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        String principalId = role.roleId() + ":" + sessionName;
        Session session = new Session(pair.accessKeyId(), pair.secretAccessKey(), "AssumeRole", role.accountId(),
                principalArn, principalId, role.arn(), sessionName, now, now.plusSeconds(duration), mfaAt,
                sourceIdentity, policy == null ? null : List.of(policy), policyArns, tags, transitiveKeys, role.roleId());
        String token = tokens.seal(session);
        roles.noteUse(role, call.request().region(), now);
        return reply(session, token, packed, role);
    }

    /** A SourceIdentity, once set on a session, passes on through chaining and cannot be changed. */
    private static String sourceIdentity(Session from, String requested) {
        String inherited = from == null ? null : from.sourceIdentity();
        if (inherited != null && requested != null && !inherited.equals(requested)) {
            throw AwsException.accessDenied("The source identity of a role session cannot be changed once set.");
        }
        return inherited != null ? inherited : requested;
    }

    /** A chained session keeps its source session's transitive tags; they cannot be overridden. */
    private static void inheritTransitiveTags(Session from, Map<String, String> requestTags, Map<String, String> tags,
            Set<String> transitiveKeys) {
        for (String key : from.transitiveTagKeys()) {
            String value = from.tags().get(key);
            if (value == null) {
                continue;
            }
            if (requestTags.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
                throw AwsException.invalidInput("One of the specified transitive tag keys can't be set because it "
                        + "conflicts with a transitive tag key from the calling session.");
            }
            tags.put(key, value);
            transitiveKeys.add(key);
        }
    }

    private static List<String> actions(Map<String, String> tags, String sourceIdentity) {
        List<String> actions = new ArrayList<>(List.of("sts:AssumeRole"));
        if (!tags.isEmpty()) {
            actions.add("sts:TagSession");
        }
        if (sourceIdentity != null) {
            actions.add("sts:SetSourceIdentity");
        }
        return actions;
    }

    /** The keys AssumeRole adds to the request context of the trust (and identity) evaluation. */
    private static Map<String, List<String>> context(String externalId, String sessionName, String sourceIdentity,
            Map<String, String> tags, List<String> transitive, boolean freshMfa) {
        Map<String, List<String>> context = new HashMap<>();
        if (externalId != null) {
            context.put("sts:ExternalId", List.of(externalId));
        }
        context.put("sts:RoleSessionName", List.of(sessionName));
        if (sourceIdentity != null) {
            context.put("sts:SourceIdentity", List.of(sourceIdentity));
        }
        if (!tags.isEmpty()) {
            tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
            context.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        if (!transitive.isEmpty()) {
            context.put("sts:TransitiveTagKeys", transitive);
        }
        if (freshMfa) {
            context.put("aws:MultiFactorAuthPresent", List.of("true"));
            context.put("aws:MultiFactorAuthAge", List.of("0"));
        }
        return context;
    }

    private static AwsReply reply(Session session, String token, Integer packed, RoleInfo role) {
        XmlWriter xml = new XmlWriter();
        Credentials.write(xml, session, token);
        xml.start("AssumedRoleUser").element("AssumedRoleId", session.principalId())
                .element("Arn", session.principalArn()).end("AssumedRoleUser")
                .element("PackedPolicySize", packed)
                .element("SourceIdentity", session.sourceIdentity());
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("credentials", Credentials.audited(session));
        audited.put("assumedRoleUser", Map.of("assumedRoleId", session.principalId(), "arn", session.principalArn()));
        if (packed != null) {
            audited.put("packedPolicySize", packed);
        }
        if (session.sourceIdentity() != null) {
            audited.put("sourceIdentity", session.sourceIdentity());
        }
        return new AwsReply(xml.toString(), true, audited,
                List.of(new AwsReply.Resource("AWS::IAM::Role", role.arn(), role.accountId())));
    }
}
