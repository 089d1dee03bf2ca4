package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.auth.CallerResolver;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** SigV4 verification and caller resolution for the front door. */
@ApplicationScoped
public class Authentication {
    /** How stale an access key's last-used record may get before a request rewrites it. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    /** The caller (null for an unsigned call) and the region the request was signed for. */
    public record Result(Caller caller, String region) {}

    @Inject
    SignatureVerifier verifier;
    @Inject
    SecretBox secretBox;
    @Inject
    SessionTokens sessionTokens;
    @Inject
    CallerResolver resolver;
    @Inject
    Clock clock;
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "gatehouse.region", defaultValue = "us-east-1")
    String defaultRegion;

    public Result authenticate(AwsService service, String action, SignedRequest request) {
        boolean signed = request.headers().containsKey("authorization") || request.rawQuery().contains("X-Amz-Signature=");
        if (!signed && service.allowsUnsigned(action)) {
            return new Result(null, defaultRegion);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            StoreSigningSecrets secrets = new StoreSigningSecrets(secretBox, sessionTokens, clock);
            SignatureCheck check = verifier.verify(request, secrets, clock.instant());
            Caller caller = resolver.resolve(secrets, check.accessKeyId());
            recordLastUsed(secrets.accessKey(), check, clock.instant());
            return new Result(caller, check.region());
        });
    }

    private static void recordLastUsed(AccessKeyEntity key, SignatureCheck check, Instant now) {
        if (key == null) {
            return;
        }
        boolean stale = key.lastUsedAt == null || key.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)
                || !check.service().equals(key.lastUsedService) || !check.region().equals(key.lastUsedRegion);
        if (stale) {
            key.lastUsedAt = now;
            key.lastUsedService = check.service();
            key.lastUsedRegion = check.region();
        }
    }
}
