package io.gatehouse.identity.internal;

import io.gatehouse.identity.MfaCodes;
import io.gatehouse.identity.internal.auth.AccountStates;
import io.gatehouse.identity.internal.iam.MfaVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** MFA codes checked by the IAM store's {@link MfaVerifier} (one use per code, device row locked). */
@ApplicationScoped
public class StoreMfaCodes implements MfaCodes {
    @Inject
    MfaVerifier verifier;
    @Inject
    AccountStates accounts;

    @Override
    public boolean verify(String accountId, String userId, String serialNumber, String code, Instant now) {
        if (userId == null) {
            return false; // a device always belongs to a user: never accept one "for anybody"
        }
        // A used code cannot be used again, so the request must not be made again after this: what
        // it relied on is confirmed first (or it is made again now, before the code is spent).
        accounts.confirm();
        return verifier.verify(accountId, userId, serialNumber, code, now);
    }
}
