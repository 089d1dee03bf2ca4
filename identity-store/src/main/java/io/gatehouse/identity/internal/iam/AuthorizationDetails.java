package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.GroupMemberEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.PolicyVersionEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GetAccountAuthorizationDetails answer: users, groups, roles and managed policies (the
 * account's own, and the Gatehouse-managed ones attached in it) with every policy document
 * URL-encoded, as AWS does. Items are paged in one sequence (users, groups, roles, policies, each
 * by name); the marker is the position of the last item returned.
 */
final class AuthorizationDetails {
    private static final List<String> TYPES = List.of("User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy");

    private AuthorizationDetails() {}

    static String write(String account, List<String> filter, Page page) {
        for (String type : filter) {
            if (!TYPES.contains(type)) {
                throw AwsException.validation("1 validation error detected: Value '" + type + "' at 'filter.member' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: " + TYPES);
            }
        }
        Set<String> wanted = new HashSet<>(filter.isEmpty() ? TYPES : filter);
        List<Object> items = new ArrayList<>();
        if (wanted.contains("User")) {
            items.addAll(UserEntity.list("accountId = ?1 order by nameLower", account));
        }
        if (wanted.contains("Group")) {
            items.addAll(GroupEntity.list("accountId = ?1 order by nameLower", account));
        }
        if (wanted.contains("Role")) {
            items.addAll(RoleEntity.list("accountId = ?1 order by nameLower", account));
        }
        Map<String, Long> attachments = attachmentCounts(account);
        if (wanted.contains("LocalManagedPolicy")) {
            items.addAll(PolicyEntity.list("accountId = ?1 order by nameLower", account));
        }
        if (wanted.contains("AWSManagedPolicy")) {
            PolicyEntity.<PolicyEntity>list("accountId is null order by nameLower").stream()
                    .filter(p -> attachments.containsKey(p.id)).forEach(items::add);
        }
        int start = start(page);
        int end = Math.min(items.size(), start + page.maxItems());
        List<Object> shown = start >= items.size() ? List.of() : items.subList(start, end);
        XmlWriter xml = new XmlWriter();
        section(xml, "UserDetailList", shown, UserEntity.class, (x, u) -> user(x, u));
        section(xml, "GroupDetailList", shown, GroupEntity.class, (x, g) -> group(x, g));
        section(xml, "RoleDetailList", shown, RoleEntity.class, (x, r) -> role(x, r));
        section(xml, "Policies", shown, PolicyEntity.class, (x, p) -> policy(x, p, attachments, account));
        boolean truncated = end < items.size();
        xml.element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(end - 1).getBytes(StandardCharsets.UTF_8)));
        }
        return xml.toString();
    }

    private static int start(Page page) {
        try {
            return page.after() == null ? 0 : Math.max(0, Integer.parseInt(page.after()) + 1);
        } catch (NumberFormatException e) {
            throw AwsException.validation("Invalid Marker: it must be a value returned by a previous call");
        }
    }

    private static <T> void section(XmlWriter xml, String name, List<Object> items, Class<T> type,
            java.util.function.BiConsumer<XmlWriter, T> member) {
        xml.start(name);
        for (Object item : items) {
            if (type.isInstance(item)) {
                xml.start("member");
                member.accept(xml, type.cast(item));
                xml.end("member");
            }
        }
        xml.end(name);
    }

    private static void user(XmlWriter xml, UserEntity user) {
        xml.element("Path", user.path).element("UserName", user.name).element("UserId", user.id)
                .element("Arn", user.arn).element("CreateDate", user.createdAt);
        inline(xml, "UserPolicyList", user.id);
        xml.start("GroupList");
        for (GroupMemberEntity m : GroupMemberEntity.<GroupMemberEntity>list("userId", user.id)) {
            GroupEntity group = GroupEntity.findById(m.groupId);
            if (group != null) {
                xml.element("member", group.name);
            }
        }
        xml.end("GroupList");
        attached(xml, user.id);
        UserXml.boundary(xml, user.boundaryArn);
        Tags.write(xml, Tags.of(user.id));
    }

    private static void group(XmlWriter xml, GroupEntity group) {
        xml.element("Path", group.path).element("GroupName", group.name).element("GroupId", group.id)
                .element("Arn", group.arn).element("CreateDate", group.createdAt);
        inline(xml, "GroupPolicyList", group.id);
        attached(xml, group.id);
    }

    private static void role(XmlWriter xml, RoleEntity role) {
        xml.element("Path", role.path).element("RoleName", role.name).element("RoleId", role.id)
                .element("Arn", role.arn).element("CreateDate", role.createdAt)
                .element("AssumeRolePolicyDocument", Replies.urlEncoded(role.trustPolicy));
        xml.start("InstanceProfileList").end("InstanceProfileList");
        inline(xml, "RolePolicyList", role.id);
        attached(xml, role.id);
        UserXml.boundary(xml, role.boundaryArn);
        Tags.write(xml, Tags.of(role.id));
        xml.start("RoleLastUsed").element("LastUsedDate", role.lastUsedAt).element("Region", role.lastUsedRegion)
                .end("RoleLastUsed");
    }

    private static void policy(XmlWriter xml, PolicyEntity policy, Map<String, Long> attachments, String account) {
        long boundaryUses = UserEntity.count("accountId = ?1 and boundaryArn = ?2", account, policy.arn)
                + RoleEntity.count("accountId = ?1 and boundaryArn = ?2", account, policy.arn);
        xml.element("PolicyName", policy.name).element("PolicyId", policy.id).element("Arn", policy.arn)
                .element("Path", policy.path).element("DefaultVersionId", policy.defaultVersion)
                .element("AttachmentCount", attachments.getOrDefault(policy.id, 0L))
                .element("PermissionsBoundaryUsageCount", boundaryUses).element("IsAttachable", true)
                .element("Description", policy.description).element("CreateDate", policy.createdAt)
                .element("UpdateDate", policy.updatedAt);
        xml.start("PolicyVersionList");
        for (PolicyVersionEntity v : PolicyVersionEntity.<PolicyVersionEntity>list(
                "policyId = ?1 order by createdAt desc", policy.id)) {
            xml.start("member").element("Document", Replies.urlEncoded(v.document)).element("VersionId", v.versionId)
                    .element("IsDefaultVersion", v.versionId.equals(policy.defaultVersion))
                    .element("CreateDate", v.createdAt).end("member");
        }
        xml.end("PolicyVersionList");
    }

    private static void inline(XmlWriter xml, String name, String holderId) {
        xml.start(name);
        for (InlinePolicyEntity p : InlinePolicyEntity.<InlinePolicyEntity>list(
                "principalId = ?1 order by nameLower", holderId)) {
            xml.start("member").element("PolicyName", p.name).element("PolicyDocument", Replies.urlEncoded(p.document))
                    .end("member");
        }
        xml.end(name);
    }

    private static void attached(XmlWriter xml, String holderId) {
        xml.start("AttachedManagedPolicies");
        for (AttachmentEntity a : AttachmentEntity.<AttachmentEntity>list("principalId", holderId)) {
            PolicyEntity policy = PolicyEntity.findById(a.policyId);
            if (policy != null) {
                xml.start("member").element("PolicyName", policy.name).element("PolicyArn", policy.arn).end("member");
            }
        }
        xml.end("AttachedManagedPolicies");
    }

    /** Policy id to the number of the account's users, groups and roles it is attached to. */
    private static Map<String, Long> attachmentCounts(String account) {
        Map<String, Long> counts = new HashMap<>();
        List<AttachmentEntity> all = AttachmentEntity.list(
                "principalId in (select u.id from UserEntity u where u.accountId = ?1)"
                        + " or principalId in (select g.id from GroupEntity g where g.accountId = ?1)"
                        + " or principalId in (select r.id from RoleEntity r where r.accountId = ?1)", account);
        all.forEach(a -> counts.merge(a.policyId, 1L, Long::sum));
        return counts;
    }

}
