package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestAuthenticator;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/** {@link RequestAuthenticator} over the store's keys and the session key ring. */
@ApplicationScoped
public class StoreRequestAuthenticator implements RequestAuthenticator {
    private static final Logger LOG = Logger.getLogger(StoreRequestAuthenticator.class);

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

    @Override
    public Authenticated authenticate(SignedRequest request) {
        StoreSigningSecrets secrets = secrets();
        return resolve(secrets, verifier.verify(request, secrets, clock.instant()));
    }

    @Override
    public Authenticated authenticateForwarded(SignedRequest request, String payloadHash) {
        StoreSigningSecrets secrets = secrets();
        return resolve(secrets, verifier.verifyForwarded(request, payloadHash, secrets, clock.instant()));
    }

    private StoreSigningSecrets secrets() {
        return new StoreSigningSecrets(secretBox, sessionTokens, keys, clock);
    }

    private Authenticated resolve(StoreSigningSecrets secrets, SignatureCheck check) {
        Caller caller = resolver.resolve(secrets, check.accessKeyId());
        AccessKeyCache.Entry used = secrets.accessKey();
        if (used != null && keys.noteUse(used, check.service(), check.region(), clock.instant())) {
            try {
                keys.writeUse(used); // its own transaction; a failure here never fails the call
            } catch (RuntimeException e) {
                LOG.warnf("could not record the last use of access key %s: %s", used.keyId(), e.getMessage());
            }
        }
        return new Authenticated(caller, check.region(), check.service());
    }
}
