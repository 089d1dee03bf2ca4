package io.gatehouse.identity.internal;

import io.gatehouse.identity.RoleDirectory;
import io.gatehouse.identity.RoleInfo;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.TagEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Roles read from the IAM tables, in the caller's transaction; roles of closed accounts are not found. */
@ApplicationScoped
public class StoreRoleDirectory implements RoleDirectory {
    @Override
    public Optional<RoleInfo> role(String roleArn) {
        if (roleArn == null) {
            return Optional.empty();
        }
        // A closed (suspended) account's roles cannot be assumed: they are as if they did not exist.
        return RoleEntity.<RoleEntity>find("arn", roleArn).firstResultOptional().filter(role -> {
            AccountEntity account = AccountEntity.findById(role.accountId);
            return account != null && "ACTIVE".equals(account.status);
        }).map(role -> {
            Map<String, String> tags = new HashMap<>();
            TagEntity.<TagEntity>list("entityId", role.id).forEach(t -> tags.put(t.key, t.value));
            return new RoleInfo(role.arn, role.id, role.accountId, role.name, role.trustPolicy,
                    role.maxSessionDuration, tags);
        });
    }
}
