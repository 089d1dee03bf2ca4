package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgAttachmentEntity;
import io.gatehouse.identity.persistence.OrgPolicyEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import io.gatehouse.policy.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The guardrail levels of a member account, as the policy engine evaluates them: the SCPs attached
 * to the root, to each OU from the top down to the account's parent, and to the account itself.
 * Every level must allow. The management account, and an account outside the organization, have
 * none (null), as in AWS.
 */
final class ServiceControlPolicies {
    private static final String SCP = "SERVICE_CONTROL_POLICY";

    private ServiceControlPolicies() {}

    /** The levels from the root down, or null where no guardrails apply. */
    static List<List<Policy>> levels(String accountId, Function<OrgPolicyEntity, Policy> compile) {
        OrgAccountEntity member = OrgAccountEntity.findById(accountId);
        AccountEntity account = AccountEntity.findById(accountId);
        if (member == null || account == null || account.management) {
            return null;
        }
        List<String> targets = new ArrayList<>();
        targets.add(accountId);
        String parentId = member.parentId;
        while (parentId != null) {
            targets.add(parentId);
            OrgUnitEntity unit = OrgUnitEntity.findById(parentId);
            parentId = unit == null ? null : unit.parentId;
        }
        Collections.reverse(targets);
        List<List<Policy>> levels = new ArrayList<>(targets.size());
        for (String target : targets) {
            List<Policy> level = new ArrayList<>();
            for (OrgAttachmentEntity a : OrgAttachmentEntity.<OrgAttachmentEntity>list("targetId", target)) {
                OrgPolicyEntity policy = OrgPolicyEntity.findById(a.policyId);
                if (policy != null && SCP.equals(policy.type)) {
                    level.add(compile.apply(policy));
                }
            }
            // An empty level allows nothing: fail closed.
            levels.add(level);
        }
        return levels;
    }
}
