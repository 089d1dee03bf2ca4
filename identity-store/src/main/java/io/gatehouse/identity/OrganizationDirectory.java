package io.gatehouse.identity;

import java.util.List;
import java.util.Map;

/**
 * The organization's accounts as other modules need them (permission sets, assignments, the
 * access portal): whether an account exists and is active, and its tags (for
 * {@code aws:ResourceTag/<key>} on {@code arn:aws:sso:::account/<id>}). Reads the database on
 * every call, with no cache, so every replica sees a closed account or a changed tag at once.
 * Must be called inside a transaction (every request of the front door runs in one).
 */
public interface OrganizationDirectory {
    /** The organization's id, {@code o-} and 10 characters. */
    String organizationId();

    /** The management account's id. */
    String managementAccountId();

    /** Whether the account is in the organization (active or closed). */
    boolean accountExists(String accountId);

    /** Whether the account is in the organization and not closed (status ACTIVE). */
    boolean accountActive(String accountId);

    /** The account's tags (key to value); empty for an unknown account or one without tags. */
    Map<String, String> accountTags(String accountId);

    /** The ids of the organization's active accounts, management account included, sorted. */
    List<String> activeAccountIds();
}
