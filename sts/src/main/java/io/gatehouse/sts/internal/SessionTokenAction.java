package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.TemporaryKeys;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GetSessionToken: a temporary credential for an IAM user signing with its long-term key, with
 * the user's own permissions, optionally carrying MFA (SerialNumber and TokenCode).
 * DurationSeconds 900..129600, default 43200. Session credentials are refused as AWS refuses them.
 * Like AWS, no policy is consulted: it grants nothing the user's key cannot already do.
 */
@ApplicationScoped
class SessionTokenAction {
    static final int DEFAULT_DURATION = 43_200;
    static final int MAX_DURATION = 129_600;

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
        SessionRules.requireIamUser(caller, "GetSessionToken");
        int duration = StsInputs.duration(call.params(), DEFAULT_DURATION, MAX_DURATION);
        Instant now = clock.instant();
        Instant mfaAt = mfaCheck.verify(caller, StsInputs.mfa(call.params()).orElse(null), now);
        TemporaryKeys.KeyPair pair = keys.draw(caller.accountId());
        String arn = caller.principal().arn();
        Session session = new Session(pair.accessKeyId(), pair.secretAccessKey(), "GetSessionToken",
                caller.accountId(), arn, caller.principalId(), arn, null, now, now.plusSeconds(duration), mfaAt, null,
                null, List.of(), Map.of(), null, caller.principalId());
        XmlWriter xml = new XmlWriter();
        Credentials.write(xml, session, tokens.seal(session));
        return new AwsReply(xml.toString(), true, Map.of("credentials", Credentials.audited(session)), List.of());
    }
}
