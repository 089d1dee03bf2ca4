package io.gatehouse.identity;

import java.time.Instant;
import java.util.Optional;

/** Looks up IAM roles for the services that issue role sessions (STS). */
public interface RoleDirectory {
    /** The role with exactly this ARN, or empty when there is none. */
    Optional<RoleInfo> role(String roleArn);

    /**
     * Notes that a session of the role was issued, for GetRole's {@code RoleLastUsed}: written in a
     * transaction of its own, at most once a minute per role and region (AWS's figure is
     * approximate too); a failure to write is logged and never fails the call.
     */
    void noteUse(RoleInfo role, String region, Instant at);
}
