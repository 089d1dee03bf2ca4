package io.gatehouse.identity;

import java.util.List;
import java.util.Optional;

/**
 * The workforce directory (IAM Identity Center's identity store) as other modules read it: the
 * access portal and permission-set assignments look users up here and must refuse anyone who is
 * not {@link WorkforceUser#active() active}. A deleted user is simply not found; a deactivated one
 * (SCIM {@code active=false}) is found with {@code active == false}. Reads go to the database on
 * every call, so a deprovisioning is seen at once by every replica.
 */
public interface WorkforceDirectory {
    /** The instance's identity store id, {@code d-} and 10 hex digits. */
    String identityStoreId();

    /** The user with this id, if it exists. */
    Optional<WorkforceUser> userById(String userId);

    /** The user with this userName (compared regardless of case), if it exists. */
    Optional<WorkforceUser> userByName(String userName);

    /** Whether the user exists and is active: the one check before granting any access. */
    boolean isActive(String userId);

    /** The ids of the groups the user is a direct member of (empty for an unknown user). */
    List<String> groupIdsOf(String userId);
}
