package io.gatehouse.identity;

import java.util.Optional;

/** Looks up IAM roles for the services that issue role sessions (STS), read-only. */
public interface RoleDirectory {
    /** The role with exactly this ARN, or empty when there is none. */
    Optional<RoleInfo> role(String roleArn);
}
