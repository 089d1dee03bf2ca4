package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.MfaCodes;
import io.gatehouse.policy.PrincipalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The MFA a new session carries: a code presented now (checked against the calling IAM user's
 * devices), else the MFA of the caller's GetSessionToken session; role sessions pass none on.
 */
@ApplicationScoped
class MfaCheck {
    static final String FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    @Inject
    MfaCodes codes;

    /** When MFA was presented for the new session, or null; AccessDenied for a wrong code. */
    Instant verify(Caller caller, StsInputs.Mfa mfa, Instant now) {
        boolean user = caller.principal().type() == PrincipalType.IAM_USER;
        if (mfa == null) {
            return user ? caller.mfaAuthenticatedAt() : null;
        }
        if (!user || !codes.verify(caller.accountId(), caller.principalId(), mfa.serialNumber(), mfa.tokenCode(), now)) {
            throw AwsException.accessDenied(FAILED);
        }
        return now;
    }
}
