package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.RequestAuthenticator;
import io.gatehouse.identity.SignedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** {@link RequestAuthenticator} over the store's keys and the session key ring. */
@ApplicationScoped
public class StoreRequestAuthenticator implements RequestAuthenticator {
    private static final Logger LOG = Logger.getLogger(StoreRequestAuthenticator.class);

    @Inject
    SignedCallers callers;

    @Override
    public Authenticated authenticate(SignedRequest request) {
        return authenticated(callers.verify(request, null, check -> { }));
    }

    @Override
    public Authenticated authenticateForwarded(SignedRequest request, String payloadHash) {
        return authenticated(callers.verify(request, payloadHash, check -> { }));
    }

    private Authenticated authenticated(SignedCallers.Verified verified) {
        AccessKeyCache.Entry used = verified.keyToRecord();
        if (used != null) {
            try {
                callers.recordUse(used); // its own transaction; a failure here never fails the call
            } catch (RuntimeException e) {
                LOG.warnf("could not record the last use of access key %s: %s", used.keyId(), e.getMessage());
            }
        }
        return new Authenticated(verified.caller(), verified.check().region(), verified.check().service());
    }
}
