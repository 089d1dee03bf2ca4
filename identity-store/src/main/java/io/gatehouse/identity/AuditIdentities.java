package io.gatehouse.identity;

import io.gatehouse.audit.UserIdentity;

/** CloudTrail's {@code userIdentity} of a caller, as the front door writes it into its records. */
public interface AuditIdentities {
    /** The caller's identity; an unknown caller (null) gives type Unknown. */
    UserIdentity of(Caller caller);
}
