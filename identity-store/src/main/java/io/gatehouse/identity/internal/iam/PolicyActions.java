package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.PolicyVersionEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreatePolicy, GetPolicy, ListPolicies, DeletePolicy and policy tags. Gatehouse-managed policies
 * ({@code arn:aws:iam::aws:policy/...}) are listed and read by every account, never changed.
 */
@ApplicationScoped
public class PolicyActions implements IamActionGroup {
    private static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]*");
    private static final Set<String> SCOPES = Set.of("All", "AWS", "Local");
    private static final Set<String> USAGES = Set.of("PermissionsPolicy", "PermissionsBoundary");

    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreatePolicy", this::create, "GetPolicy", this::get, "ListPolicies", this::list,
                "DeletePolicy", this::delete, "TagPolicy", this::tag, "UntagPolicy", this::untag,
                "ListPolicyTags", this::listTags);
    }

    /**
     * The policy named by the call's PolicyArn, once the caller may perform {@code action} on it
     * (with its tags as aws:ResourceTag); NoSuchEntity when the account cannot see it.
     */
    static PolicyEntity authorized(Guard guard, AwsCall call, String action, Map<String, List<String>> extra) {
        String arn = ManagedPolicies.arn(call, "PolicyArn");
        PolicyEntity policy = ManagedPolicies.visible(Guard.account(call), arn);
        Map<String, List<String>> context = Guard.tagContext(null, policy == null ? null : Tags.of(policy.id));
        context.putAll(extra);
        guard.require(call, action, arn, context);
        if (policy == null) {
            throw ManagedPolicies.notFound(arn);
        }
        return policy;
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = Constraints.name(p.required("PolicyName"), "policyName", ManagedPolicies.MAX_NAME);
        String path = ManagedPolicies.path(p.optional("Path").orElse("/"), "path");
        String description = p.optional("Description").orElse(null);
        if (description != null) {
            Constraints.length(description, "description", 0, 1000);
            Constraints.pattern(description, "description", DESCRIPTION);
        }
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String arn = Arns.iam(account, "policy", path, name);
        guard.require(call, "iam:CreatePolicy", arn, Guard.tagContext(tags, null));
        String document = ManagedPolicies.document(p.required("PolicyDocument"), "policyDocument",
                ManagedPolicies.MAX_DOCUMENT);
        if (PolicyEntity.count("accountId = ?1 and nameLower = ?2", account, name.toLowerCase(Locale.ROOT)) > 0) {
            throw AwsException.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        PolicyEntity policy = new PolicyEntity();
        policy.id = AwsIds.policyId();
        policy.accountId = account;
        policy.name = name;
        policy.nameLower = name.toLowerCase(Locale.ROOT);
        policy.path = path;
        policy.arn = arn;
        policy.description = description;
        policy.defaultVersion = "v1";
        policy.nextVersion = 2;
        policy.createdAt = clock.instant();
        policy.updatedAt = policy.createdAt;
        policy.persist();
        PolicyVersionEntity version = new PolicyVersionEntity();
        version.policyId = policy.id;
        version.versionId = "v1";
        version.document = document;
        version.createdAt = policy.createdAt;
        version.persist();
        Tags.put(policy.id, tags);
        // A boundary may name this ARN from an earlier policy of the same name: cached sets must reload.
        PolicySets.invalidate(account);
        XmlWriter xml = new XmlWriter().start("Policy");
        ManagedPolicies.write(xml, policy, 0, 0, true, tags);
        xml.end("Policy");
        return Replies.write(xml, Map.of("policy", Map.of("policyName", name, "policyId", policy.id, "arn", arn,
                "path", path, "defaultVersionId", "v1")), ManagedPolicies.resource(policy));
    }

    private AwsReply get(AwsCall call) {
        String account = Guard.account(call);
        PolicyEntity policy = authorized(guard, call, "iam:GetPolicy", Map.of());
        XmlWriter xml = new XmlWriter().start("Policy");
        ManagedPolicies.write(xml, policy, ManagedPolicies.attachmentCount(account, policy),
                ManagedPolicies.boundaryCount(account, policy.arn), true, Tags.of(policy.id));
        return AwsReply.read(xml.end("Policy").toString());
    }

    private AwsReply list(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String scope = enumeration(p.optional("Scope").orElse("All"), "scope", SCOPES);
        boolean onlyAttached = p.bool("OnlyAttached").orElse(false);
        String prefix = ManagedPolicies.path(p.optional("PathPrefix").orElse("/"), "pathPrefix");
        String usage = p.optional("PolicyUsageFilter").map(u -> enumeration(u, "policyUsageFilter", USAGES)).orElse(null);
        Page page = Page.of(p);
        guard.require(call, "iam:ListPolicies", Arns.listing(account, "policy"));
        Map<String, Long> attachments = ManagedPolicies.attachmentCounts(account);
        Map<String, Long> boundaries = ManagedPolicies.boundaryCounts(account);
        String after = page.after() == null ? "" : page.after();
        List<PolicyEntity> fetched = PolicyEntity.<PolicyEntity>list(
                "(accountId = ?1 or accountId is null) and path like ?2", account, Replies.like(prefix)).stream()
                .filter(x -> scope.equals("All") || scope.equals("AWS") == ManagedPolicies.awsManaged(x))
                .filter(x -> !onlyAttached || used(x, usage, attachments, boundaries))
                .filter(x -> sortKey(x).compareTo(after) > 0)
                .sorted(Comparator.comparing(PolicyActions::sortKey))
                .limit(page.maxItems() + 1L).toList();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Policies", fetched, PolicyActions::sortKey, (x, policy) -> ManagedPolicies.write(x, policy,
                attachments.getOrDefault(policy.id, 0L), boundaries.getOrDefault(policy.arn, 0L), false, null));
        return AwsReply.read(xml.toString());
    }

    /**
     * Whether the account uses the policy: attached (PermissionsPolicy), as a boundary
     * (PermissionsBoundary), or either when no usage filter is given. Any policy may be used either
     * way, so the usage filter only narrows OnlyAttached listings.
     */
    private static boolean used(PolicyEntity policy, String usage, Map<String, Long> attachments,
            Map<String, Long> boundaries) {
        boolean attached = attachments.containsKey(policy.id);
        boolean boundary = boundaries.containsKey(policy.arn);
        return usage == null ? attached || boundary : usage.equals("PermissionsPolicy") ? attached : boundary;
    }

    /** Names, then ARNs: a space sorts before every character a name may contain. */
    private static String sortKey(PolicyEntity policy) {
        return policy.nameLower + " " + policy.arn;
    }

    static String enumeration(String value, String member, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: "
                    + allowed.stream().sorted().toList());
        }
        return value;
    }

    private AwsReply delete(AwsCall call) {
        String account = Guard.account(call);
        PolicyEntity policy = authorized(guard, call, "iam:DeletePolicy", Map.of());
        ManagedPolicies.requireChangeable(call, "iam:DeletePolicy", policy);
        // A boundary naming a deleted policy would silently stop limiting its principal: refuse, fail closed.
        if (ManagedPolicies.attachmentCount(account, policy) > 0 || ManagedPolicies.boundaryCount(account, policy.arn) > 0) {
            throw AwsException.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (PolicyVersionEntity.count("policyId", policy.id) > 1) {
            throw AwsException.deleteConflict("This policy has more than one version. Before you delete a policy, you "
                    + "must delete the policy's versions. The default version is deleted with the policy.");
        }
        PolicyVersionEntity.delete("policyId", policy.id);
        Tags.removeAll(policy.id);
        policy.delete();
        PolicySets.invalidate(account);
        return Replies.write(null, null, ManagedPolicies.resource(policy));
    }

    private AwsReply tag(AwsCall call) {
        Map<String, String> tags = call.params().tags("Tags");
        PolicyEntity policy = authorized(guard, call, "iam:TagPolicy", Guard.tagContext(tags, null));
        ManagedPolicies.requireChangeable(call, "iam:TagPolicy", policy);
        Tags.put(policy.id, tags);
        PolicySets.invalidate(policy.accountId);
        return Replies.write(null, null, ManagedPolicies.resource(policy));
    }

    private AwsReply untag(AwsCall call) {
        List<String> keys = call.params().list("TagKeys");
        PolicyEntity policy = authorized(guard, call, "iam:UntagPolicy", Map.of("aws:TagKeys", keys));
        ManagedPolicies.requireChangeable(call, "iam:UntagPolicy", policy);
        Tags.remove(policy.id, keys);
        PolicySets.invalidate(policy.accountId);
        return Replies.write(null, null, ManagedPolicies.resource(policy));
    }

    private AwsReply listTags(AwsCall call) {
        PolicyEntity policy = authorized(guard, call, "iam:ListPolicyTags", Map.of());
        XmlWriter xml = new XmlWriter();
        Tags.writeList(xml, Tags.of(policy.id));
        return AwsReply.read(xml.toString());
    }
}
