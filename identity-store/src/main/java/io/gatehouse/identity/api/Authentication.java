package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.internal.auth.SignedCallers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SigV4 verification and caller resolution for the front door (the shared path is {@link SignedCallers}). */
@ApplicationScoped
public class Authentication {
    /**
     * The caller (null for an unsigned call), the region the request was signed for, and the key
     * whose last use must be written after the request's transaction (or null).
     */
    public record Result(Caller caller, String region, AccessKeyCache.Entry usedKey) {}

    @Inject
    SignedCallers callers;
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "gatehouse.region", defaultValue = "us-east-1")
    String defaultRegion;

    /**
     * Authenticates inside the request's transaction, if it has one (read-only calls have none).
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
        SignedCallers.Verified verified = callers.verify(request, null, check -> {
            if (requiredSigningName != null && !requiredSigningName.equals(check.service())) {
                throw new AwsException("SignatureDoesNotMatch", 403,
                        "Credential should be scoped to correct service: '" + requiredSigningName + "'.");
            }
        });
        return new Result(verified.caller(), verified.check().region(), verified.keyToRecord());
    }

    /** Writes a key's last use; outside any transaction, after the request's own. */
    public void writeUse(AccessKeyCache.Entry key) {
        callers.recordUse(key);
    }
}
