package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The one path from a SigV4-signed request to its caller, shared by the front door and by
 * {@link io.gatehouse.identity.RequestAuthenticator}: verify the signature against the store's keys
 * and the session key ring, let the caller refuse the verified scope, resolve the caller, and note
 * the access key's use. Refusals are {@link io.gatehouse.identity.AwsException}s.
 */
@ApplicationScoped
public class SignedCallers {

    /**
     * A verified request: its caller, what the signature said, and the access key whose last use
     * must be written (null when none is due), which the caller writes with {@link #recordUse}
     * outside its transaction.
     */
    public record Verified(Caller caller, SignatureCheck check, AccessKeyCache.Entry keyToRecord) {
    }

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

    /**
     * Verifies and resolves {@code request}.
     *
     * @param forwardedPayloadHash null for a request received directly; for one forwarded by a
     *     resource server, the hash of the payload it received
     * @param scopeCheck runs after the signature is verified and before the caller is resolved;
     *     throws to refuse the scope
     */
    public Verified verify(SignedRequest request, String forwardedPayloadHash, Consumer<SignatureCheck> scopeCheck) {
        StoreSigningSecrets secrets = new StoreSigningSecrets(secretBox, sessionTokens, keys, clock);
        Instant now = clock.instant();
        SignatureCheck check = forwardedPayloadHash == null ? verifier.verify(request, secrets, now)
                : verifier.verifyForwarded(request, forwardedPayloadHash, secrets, now);
        scopeCheck.accept(check);
        Caller caller = resolver.resolve(secrets, check.accessKeyId());
        AccessKeyCache.Entry used = secrets.accessKey();
        boolean due = used != null && keys.noteUse(used, check.service(), check.region(), now);
        return new Verified(caller, check, due ? used : null);
    }

    /** Writes a key's last use in its own transaction. */
    public void recordUse(AccessKeyCache.Entry key) {
        keys.writeUse(key);
    }
}
