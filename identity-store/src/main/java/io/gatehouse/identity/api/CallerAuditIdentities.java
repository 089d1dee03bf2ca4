package io.gatehouse.identity.api;

import io.gatehouse.audit.UserIdentity;
import io.gatehouse.identity.AuditIdentities;
import io.gatehouse.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** The front door's own mapping of callers to CloudTrail identities, for other modules' records. */
@ApplicationScoped
public class CallerAuditIdentities implements AuditIdentities {
    @Override
    public UserIdentity of(Caller caller) {
        return CallAudit.identity(caller);
    }
}
