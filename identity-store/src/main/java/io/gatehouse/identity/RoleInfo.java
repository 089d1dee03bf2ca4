package io.gatehouse.identity;

import java.util.Map;
import java.util.Objects;

/**
 * What issuing a role session needs to know of an IAM role.
 *
 * @param arn the role's ARN (with its path)
 * @param roleId its unique id ({@code AROA...})
 * @param accountId the account that owns it
 * @param name its name (the ARN's last segment), used in assumed-role ARNs
 * @param trustPolicy its trust policy document (JSON)
 * @param maxSessionDuration the longest session it allows, in seconds (3600 to 43200)
 * @param tags its tags (they become principal tags of its sessions)
 */
public record RoleInfo(String arn, String roleId, String accountId, String name, String trustPolicy,
        int maxSessionDuration, Map<String, String> tags) {

    public RoleInfo {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
