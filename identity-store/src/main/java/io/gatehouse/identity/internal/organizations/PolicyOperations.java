package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.iam.Guard;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.internal.organizations.OrganizationsService.OrgCall;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAttachmentEntity;
import io.gatehouse.identity.persistence.OrgEntity;
import io.gatehouse.identity.persistence.OrgPolicyEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Service control policies: CreatePolicy, DescribePolicy, UpdatePolicy, DeletePolicy,
 * ListPolicies, AttachPolicy, DetachPolicy, ListPoliciesForTarget, ListTargetsForPolicy. Content
 * is checked by the policy engine as an SCP and limited to 5,120 characters; every target keeps at
 * least one and at most five SCPs; the AWS managed FullAWSAccess cannot be changed or deleted.
 * Every change that can alter a member account's guardrails bumps the member accounts' policy
 * epochs, so every replica's cached policy sets see it on the next request.
 */
@ApplicationScoped
public class PolicyOperations {
    static final String TYPE = "AWS::Organizations::Policy";
    static final int MAX_CONTENT = 5_120;
    static final int MAX_PER_TARGET = 5;
    static final String[] TYPES = {"SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY",
        "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2",
        "SECURITYHUB_POLICY"};
    private static final PolicyEngine ENGINE = PolicyEngine.create();

    @Inject
    Clock clock;

    JsonReply create(OrgCall call) {
        JsonNode in = call.in();
        String content = OrgInput.required(in, "Content", 1, 1_000_000, null);
        String description = OrgInput.required(in, "Description", 0, 512, OrgInput.ANY);
        String name = OrgInput.required(in, "Name", 1, 128, OrgInput.ANY);
        String type = OrgInput.enumValue(in, "Type", true, TYPES);
        Map<String, String> tags = OrgInput.tags(in);
        call.authorize(Organizations.orgArn(call.org()), Guard.tagContext(tags, null));
        enabled(type);
        checkContent(content);
        if (OrgPolicyEntity.count("name = ?1 and type = ?2", name, type) > 0) {
            throw OrgInput.error("DuplicatePolicyException", "A policy with the same name already exists.");
        }
        OrgPolicyEntity policy = new OrgPolicyEntity();
        policy.id = Organizations.policyId();
        policy.name = name;
        policy.description = description;
        policy.type = type;
        policy.awsManaged = false;
        policy.content = content;
        policy.createdAt = clock.instant();
        policy.persist();
        OrgTags.put(policy.id, tags);
        return call.changed(OrgWire.policy(call.org(), policy), TYPE, Organizations.policyArn(call.org(), policy));
    }

    private static void enabled(String type) {
        if (!Organizations.SCP.equals(type)) {
            throw OrgInput.error("PolicyTypeNotEnabledException", "This operation can be performed only for enabled"
                    + " policy types.");
        }
    }

    private static void checkContent(String content) {
        if (content.length() > MAX_CONTENT) {
            throw OrgInput.constraint("POLICY_CONTENT_LIMIT_EXCEEDED", "You attempted to create a policy with"
                    + " content that exceeds the maximum size of " + MAX_CONTENT + " characters.");
        }
        try {
            ENGINE.compile(content, PolicyKind.SCP, Integer.MAX_VALUE);
        } catch (MalformedPolicyException e) {
            throw OrgInput.error("MalformedPolicyDocumentException", "The provided policy document doesn't meet the"
                    + " requirements of the specified policy type. " + e.getMessage());
        }
    }

    /** The PolicyId member's policy, authorized on its ARN; PolicyNotFoundException when none. */
    private static OrgPolicyEntity target(OrgCall call, boolean lock) {
        String id = OrgInput.required(call.in(), "PolicyId", 1, 130, OrgInput.POLICY_ID);
        OrgPolicyEntity policy = lock ? OrgPolicyEntity.findById(id, LockModeType.PESSIMISTIC_WRITE)
                : OrgPolicyEntity.findById(id);
        call.authorize(policy == null ? "arn:aws:organizations::" + call.org().managementAccountId + ":policy/"
                + call.org().id + "/service_control_policy/" + id : Organizations.policyArn(call.org(), policy));
        if (policy == null) {
            throw OrgInput.error("PolicyNotFoundException", "We can't find a policy with the PolicyId that you"
                    + " specified.");
        }
        return policy;
    }

    private static void mutable(OrgPolicyEntity policy) {
        if (policy.awsManaged) {
            throw OrgInput.invalid("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be"
                    + " modified.");
        }
    }

    JsonReply describe(OrgCall call) {
        return JsonReply.read(OrgWire.policy(call.org(), target(call, false)));
    }

    JsonReply update(OrgCall call) {
        JsonNode in = call.in();
        String content = OrgInput.optional(in, "Content", 1, 1_000_000, null);
        String description = OrgInput.optional(in, "Description", 0, 512, OrgInput.ANY);
        String name = OrgInput.optional(in, "Name", 1, 128, OrgInput.ANY);
        OrgPolicyEntity policy = target(call, true);
        mutable(policy);
        if (content != null) {
            checkContent(content);
            policy.content = content;
            PolicySets.invalidateMembers();
        }
        if (name != null && !name.equals(policy.name)) {
            if (OrgPolicyEntity.count("name = ?1 and type = ?2", name, policy.type) > 0) {
                throw OrgInput.error("DuplicatePolicyException", "A policy with the same name already exists.");
            }
            policy.name = name;
        }
        if (description != null) {
            policy.description = description;
        }
        return call.changed(OrgWire.policy(call.org(), policy), TYPE, Organizations.policyArn(call.org(), policy));
    }

    JsonReply delete(OrgCall call) {
        OrgPolicyEntity policy = target(call, true);
        mutable(policy);
        if (OrgAttachmentEntity.count("policyId", policy.id) > 0) {
            throw OrgInput.error("PolicyInUseException", "The policy is attached to one or more entities. You must"
                    + " detach it from all roots, OUs, and accounts before performing this operation.");
        }
        String arn = Organizations.policyArn(call.org(), policy);
        Tags.removeAll(policy.id);
        policy.delete();
        return call.changed(OrgWire.object(), TYPE, arn);
    }

    JsonReply list(OrgCall call) {
        String filter = OrgInput.enumValue(call.in(), "Filter", true, TYPES);
        call.authorizeOrganization();
        OrgPages.Page<OrgPolicyEntity> page = OrgPages.page(call.in(), "policy", (after, limit) ->
                OrgPolicyEntity.<OrgPolicyEntity>find("type = ?1 and id > ?2 order by id", filter, after)
                        .range(0, limit - 1).list(), p -> p.id);
        return JsonReply.read(policies(call.org(), page));
    }

    private static ObjectNode policies(OrgEntity org, OrgPages.Page<OrgPolicyEntity> page) {
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Policies");
        page.items().forEach(p -> list.add(OrgWire.policySummary(org, p)));
        return AccountOperations.next(out, page);
    }

    /** A root, OU or account named by TargetId, authorized; TargetNotFoundException when none. */
    private static String authorizedTarget(OrgCall call) {
        String targetId = OrgInput.required(call.in(), "TargetId", 1, 100, OrgInput.TARGET_ID);
        boolean exists = OrgTree.targetExists(targetId);
        if (exists) {
            call.authorize(targetArn(call.org(), targetId));
        } else {
            call.authorizeOrganization();
            throw OrgInput.error("TargetNotFoundException", "We can't find a root, OU, account, or policy with the"
                    + " TargetId that you specified.");
        }
        return targetId;
    }

    static String targetArn(OrgEntity org, String targetId) {
        if (targetId.matches("\\d{12}")) {
            return Organizations.accountArn(org, targetId);
        }
        return Organizations.unitArn(org, OrgTree.unit(targetId));
    }

    JsonReply attach(OrgCall call) {
        OrgPolicyEntity policy = target(call, true);
        String targetId = authorizedTarget(call);
        lockTarget(targetId);
        if (OrgAttachmentEntity.count("policyId = ?1 and targetId = ?2", policy.id, targetId) > 0) {
            throw OrgInput.error("DuplicatePolicyAttachmentException", "The selected policy is already attached to the"
                    + " specified target.");
        }
        if (scpCount(targetId) >= MAX_PER_TARGET) {
            throw OrgInput.constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to attach more than"
                    + " " + MAX_PER_TARGET + " service control policies to the same entity.");
        }
        OrgAttachmentEntity attachment = new OrgAttachmentEntity();
        attachment.policyId = policy.id;
        attachment.targetId = targetId;
        attachment.persist();
        PolicySets.invalidateMembers();
        return call.changed(OrgWire.object(), TYPE, Organizations.policyArn(call.org(), policy));
    }

    JsonReply detach(OrgCall call) {
        OrgPolicyEntity policy = target(call, true);
        String targetId = authorizedTarget(call);
        lockTarget(targetId);
        if (OrgAttachmentEntity.delete("policyId = ?1 and targetId = ?2", policy.id, targetId) == 0) {
            throw OrgInput.error("PolicyNotAttachedException", "The policy isn't attached to the specified target in"
                    + " the specified root.");
        }
        if (scpCount(targetId) == 0) {
            throw OrgInput.constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to detach a policy"
                    + " from an entity that would leave it without any service control policy attached.");
        }
        PolicySets.invalidateMembers();
        return call.changed(OrgWire.object(), TYPE, Organizations.policyArn(call.org(), policy));
    }

    /** Locks the target's row, so concurrent attach/detach on one target queue (the 1..5 rule holds). */
    private static void lockTarget(String targetId) {
        if (targetId.matches("\\d{12}")) {
            io.gatehouse.identity.persistence.OrgAccountEntity.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        } else {
            OrgUnitEntity.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        }
    }

    private static long scpCount(String targetId) {
        OrgAttachmentEntity.getEntityManager().flush();
        return OrgAttachmentEntity.count("targetId", targetId);
    }

    JsonReply listForTarget(OrgCall call) {
        String filter = OrgInput.enumValue(call.in(), "Filter", true, TYPES);
        String targetId = authorizedTarget(call);
        List<OrgPolicyEntity> attached = OrgAttachmentEntity.<OrgAttachmentEntity>list("targetId = ?1 order by policyId",
                targetId).stream().map(a -> OrgPolicyEntity.<OrgPolicyEntity>findById(a.policyId))
                .filter(p -> p.type.equals(filter)).toList();
        return JsonReply.read(policies(call.org(), OrgPages.page(call.in(), "policy", attached, p -> p.id)));
    }

    JsonReply listTargets(OrgCall call) {
        OrgPolicyEntity policy = target(call, false);
        OrgPages.Page<OrgAttachmentEntity> page = OrgPages.page(call.in(), "target", (after, limit) ->
                OrgAttachmentEntity.<OrgAttachmentEntity>find("policyId = ?1 and targetId > ?2 order by targetId",
                        policy.id, after).range(0, limit - 1).list(), a -> a.targetId);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Targets");
        for (OrgAttachmentEntity a : page.items()) {
            ObjectNode target = list.addObject().put("TargetId", a.targetId).put("Arn", targetArn(call.org(),
                    a.targetId));
            if (a.targetId.matches("\\d{12}")) {
                AccountEntity account = AccountEntity.findById(a.targetId);
                target.put("Name", account.name).put("Type", "ACCOUNT");
            } else {
                OrgUnitEntity unit = OrgTree.unit(a.targetId);
                target.put("Name", unit.name).put("Type", unit.isRoot() ? "ROOT" : "ORGANIZATIONAL_UNIT");
            }
        }
        return JsonReply.read(AccountOperations.next(out, page));
    }
}
