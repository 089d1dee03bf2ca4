package io.gatehouse.identity;

import java.util.List;

/**
 * What a workforce user may sign in to through the access portal: the account assignments of the
 * user and of the groups the user is a direct member of, whose permission set is provisioned in
 * the account. A user who does not exist or is not active (SCIM {@code active=false}) has none.
 * Reads go to the database on every call (one query on indexes), so a removed membership,
 * assignment or deactivation is seen at once by every replica.
 */
public interface WorkforceAccess {
    /** The user's accesses, each (account, permission set) once, ordered by account and permission set name. */
    List<AccountAccess> assignmentsFor(String workforceUserId);
}
