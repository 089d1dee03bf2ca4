package io.gatehouse.identity.internal;

import io.gatehouse.identity.RoleDirectory;
import io.gatehouse.identity.RoleInfo;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.TagEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Roles read from the IAM tables, in the caller's transaction. */
@ApplicationScoped
public class StoreRoleDirectory implements RoleDirectory {
    @Override
    public Optional<RoleInfo> role(String roleArn) {
        if (roleArn == null) {
            return Optional.empty();
        }
        return RoleEntity.<RoleEntity>find("arn", roleArn).firstResultOptional().map(role -> {
            Map<String, String> tags = new HashMap<>();
            TagEntity.<TagEntity>list("entityId", role.id).forEach(t -> tags.put(t.key, t.value));
            return new RoleInfo(role.arn, role.id, role.accountId, role.name, role.trustPolicy,
                    role.maxSessionDuration, tags);
        });
    }
}
