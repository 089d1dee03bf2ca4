package io.gatehouse.identity.internal.organizations;

import io.gatehouse.identity.OrganizationDirectory;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@link OrganizationDirectory} over the store: one or two primary-key reads a call, no cache. */
@ApplicationScoped
public class StoreOrganizationDirectory implements OrganizationDirectory {
    @Inject
    Organizations organizations;

    private OrgEntity org() {
        OrgEntity org = organizations.current();
        if (org == null) {
            throw new IllegalStateException("the organization is created at start");
        }
        return org;
    }

    @Override
    public String organizationId() {
        return org().id;
    }

    @Override
    public String managementAccountId() {
        return org().managementAccountId;
    }

    @Override
    public boolean accountExists(String accountId) {
        return accountId != null && OrgAccountEntity.findById(accountId) != null;
    }

    @Override
    public boolean accountActive(String accountId) {
        if (!accountExists(accountId)) {
            return false;
        }
        AccountEntity account = AccountEntity.findById(accountId);
        return account != null && "ACTIVE".equals(account.status);
    }

    @Override
    public Map<String, String> accountTags(String accountId) {
        if (!accountExists(accountId)) {
            return Map.of();
        }
        return Map.copyOf(Tags.of(accountId));
    }

    @Override
    public List<String> activeAccountIds() {
        return AccountEntity.<AccountEntity>find("status = ?1 order by id", "ACTIVE").list().stream()
                .map(a -> a.id).filter(id -> OrgAccountEntity.findById(id) != null).toList();
    }
}
