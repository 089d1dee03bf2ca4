package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.TemporaryKeys;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetFederationToken: a federated-user session ({@code arn:aws:sts::ACCT:federated-user/NAME}) for
 * an IAM user signing with its long-term key. Takes Name (2..32 of {@code [\w+=,.@-]}),
 * DurationSeconds (900..129600, default 43200), Policy and PolicyArns (up to 10) as session
 * policies, and Tags (up to 50). The session may do what both the user's policies (and boundary)
 * and the session policies allow; with no session policy it may do nothing. Needs
 * {@code sts:GetFederationToken} on the federated user's ARN, and {@code sts:TagSession} with tags.
 * Refused for session credentials, as AWS refuses it.
 */
@ApplicationScoped
class FederationTokenAction {
    static final int DEFAULT_DURATION = 43_200;
    static final int MAX_DURATION = 129_600;
    static final int MAX_NAME = 32;

    @Inject
    Authorizer authorizer;
    @Inject
    TemporaryKeys keys;
    @Inject
    SessionTokens tokens;
    @Inject
    Clock clock;

    AwsReply handle(AwsCall call) {
        Caller caller = call.caller();
        SessionRules.requireIamUser(caller, "GetFederationToken");
        QueryParams p = call.params();
        String name = StsInputs.name(p.required("Name"), "name", MAX_NAME);
        int duration = StsInputs.duration(p, DEFAULT_DURATION, MAX_DURATION);
        String policy = StsInputs.sessionPolicy(p).orElse(null);
        List<String> policyArns = StsInputs.policyArns(p);
        Map<String, String> tags = StsInputs.tags(p);

        String account = caller.accountId();
        String arn = "arn:aws:sts::" + account + ":federated-user/" + name;
        Map<String, List<String>> context = tagContext(tags);
        authorizer.require(caller, call.request(), "sts:GetFederationToken", arn, account, context);
        if (!tags.isEmpty()) {
            authorizer.require(caller, call.request(), "sts:TagSession", arn, account, context);
        }
        Integer packed = PackedPolicy.percent(policy, policyArns, tags);

        Instant now = clock.instant();
        TemporaryKeys.KeyPair pair = keys.draw(account);
        // Session policies are always present (an empty list when none was passed): none allows nothing.
        Session session = new Session(pair.accessKeyId(), pair.secretAccessKey(), "GetFederationToken", account, arn,
                account + ":" + name, caller.principal().arn(), name, now, now.plusSeconds(duration), null, null,
                policy == null ? List.of() : List.of(policy), policyArns, tags, null, caller.principalId());
        return reply(session, tokens.seal(session), packed);
    }

    private static Map<String, List<String>> tagContext(Map<String, String> tags) {
        Map<String, List<String>> context = new HashMap<>();
        if (!tags.isEmpty()) {
            tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
            context.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        return context;
    }

    private static AwsReply reply(Session session, String token, Integer packed) {
        XmlWriter xml = new XmlWriter();
        Credentials.write(xml, session, token);
        xml.start("FederatedUser").element("FederatedUserId", session.principalId())
                .element("Arn", session.principalArn()).end("FederatedUser")
                .element("PackedPolicySize", packed);
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("credentials", Credentials.audited(session));
        audited.put("federatedUser", Map.of("federatedUserId", session.principalId(), "arn", session.principalArn()));
        if (packed != null) {
            audited.put("packedPolicySize", packed);
        }
        return new AwsReply(xml.toString(), true, audited, List.of());
    }
}
