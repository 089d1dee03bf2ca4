package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.internal.auth.CallerResolver;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** SigV4 verification and caller resolution for the front door. */
@ApplicationScoped
public class Authentication {
    /**
     * The caller (null for an unsigned call), the region the request was signed for, and the key
     * whose last use must be written after the request's transaction (or null).
     */
    public record Result(Caller caller, String region, AccessKeyCache.Entry usedKey) {}

    @Inject
    SignatureVerifier verifier;
    @Inject
    SecretBox secretBox;
    @Inject
    SessionTokens sessionTokens;
    @Inject
    CallerResolver resolver;
    @Inject
    AccessKeyCache keys;
    @Inject
    Clock clock;
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "gatehouse.region", defaultValue = "us-east-1")
    String defaultRegion;

    /**
     * Authenticates inside the caller's transaction (the call's own, so one per request).
     *
     * @param unsignedAllowed whether the operation may be called without a signature
     * @param requiredSigningName the service the signature must be scoped to, or null when the
     *     request was routed by its scope already
     */
    public Result authenticate(boolean unsignedAllowed, String requiredSigningName, SignedRequest request) {
        boolean signed = request.headers().containsKey("authorization") || request.rawQuery().contains("X-Amz-Signature=");
        if (!signed) {
            if (unsignedAllowed) {
                return new Result(null, defaultRegion, null);
            }
            throw AwsException.missingAuthenticationToken();
        }
        StoreSigningSecrets secrets = new StoreSigningSecrets(secretBox, sessionTokens, keys, clock);
        SignatureCheck check = verifier.verify(request, secrets, clock.instant());
        if (requiredSigningName != null && !requiredSigningName.equals(check.service())) {
            throw new AwsException("SignatureDoesNotMatch", 403,
                    "Credential should be scoped to correct service: '" + requiredSigningName + "'.");
        }
        Caller caller = resolver.resolve(secrets, check.accessKeyId());
        AccessKeyCache.Entry used = secrets.accessKey();
        boolean write = used != null && keys.noteUse(used, check.service(), check.region(), clock.instant());
        return new Result(caller, check.region(), write ? used : null);
    }

    /** Writes a key's last use; outside any transaction, after the request's own. */
    public void writeUse(AccessKeyCache.Entry key) {
        keys.writeUse(key);
    }
}
