package io.gatehouse.identity;

/**
 * A workforce user as {@link WorkforceDirectory} shows it.
 *
 * @param userId the user's id in the identity store
 * @param identityStoreId the identity store, {@code d-...}
 * @param userName the unique sign-in name
 * @param displayName the name to show, or null
 * @param primaryEmail the primary (else first) email address, or null
 * @param active false once deprovisioned: such a user must get no access
 */
public record WorkforceUser(String userId, String identityStoreId, String userName, String displayName,
        String primaryEmail, boolean active) {}
