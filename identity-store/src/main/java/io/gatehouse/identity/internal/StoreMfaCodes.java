package io.gatehouse.identity.internal;

import io.gatehouse.identity.MfaCodes;
import io.gatehouse.identity.internal.iam.MfaVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** MFA codes checked by the IAM store's {@link MfaVerifier} (one use per code, device row locked). */
@ApplicationScoped
public class StoreMfaCodes implements MfaCodes {
    @Inject
    MfaVerifier verifier;

    @Override
    public boolean verify(String accountId, String userId, String serialNumber, String code, Instant now) {
        if (userId == null) {
            return false; // a device always belongs to a user: never accept one "for anybody"
        }
        return verifier.verify(accountId, userId, serialNumber, code, now);
    }
}
