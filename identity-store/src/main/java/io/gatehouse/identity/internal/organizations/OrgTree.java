package io.gatehouse.identity.internal.organizations;

import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import jakarta.persistence.LockModeType;

/** Finding the root, OUs and accounts of the organization, refusing unknown ids as the model says. */
final class OrgTree {
    private OrgTree() {}

    /** The root or OU with this id, or null. */
    static OrgUnitEntity unit(String id) {
        return OrgUnitEntity.findById(id);
    }

    /** A root or OU named as a parent; ParentNotFoundException when there is none. */
    static OrgUnitEntity parent(String id, String notFoundCode, String message) {
        OrgUnitEntity unit = unit(id);
        if (unit == null) {
            throw OrgInput.error(notFoundCode, message);
        }
        return unit;
    }

    static OrgUnitEntity parent(String id) {
        return parent(id, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you"
                + " specified.");
    }

    /** An OU (not the root); OrganizationalUnitNotFoundException when there is none. */
    static OrgUnitEntity ou(String id, boolean lock) {
        OrgUnitEntity unit = lock ? OrgUnitEntity.findById(id, LockModeType.PESSIMISTIC_WRITE) : unit(id);
        if (unit == null || unit.isRoot()) {
            throw OrgInput.error("OrganizationalUnitNotFoundException", "We can't find an OU with the"
                    + " OrganizationalUnitId that you specified.");
        }
        return unit;
    }

    /** The account's place in the organization; AccountNotFoundException when it is not in it. */
    static OrgAccountEntity member(String accountId, boolean lock) {
        OrgAccountEntity member = lock ? OrgAccountEntity.findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                : OrgAccountEntity.findById(accountId);
        if (member == null) {
            throw OrgInput.error("AccountNotFoundException", "We can't find an AWS account with the AccountId that"
                    + " you specified, or the account whose credentials you used to make this request isn't a"
                    + " member of an organization.");
        }
        return member;
    }

    static AccountEntity account(String accountId) {
        return AccountEntity.findById(accountId);
    }

    /** Whether the root, OU or account with this id exists (a policy target). */
    static boolean targetExists(String id) {
        return id.matches("\\d{12}") ? OrgAccountEntity.findById(id) != null : unit(id) != null;
    }
}
