package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.iam.PolicyHolder.Kind;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ListEntitiesForPolicy: the users, groups and roles of the caller's account that have a policy
 * attached (PermissionsPolicy) or use it as their boundary (PermissionsBoundary), one page over the
 * three lists together (groups, then roles, then users, each by name).
 */
final class PolicyEntities {
    private static final Set<String> FILTERS = Set.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");
    private static final Set<String> USAGES = Set.of("PermissionsPolicy", "PermissionsBoundary");

    private record Entity(Kind kind, String name, String id, String path) {
        String key() {
            return kind.name().charAt(0) + name.toLowerCase(Locale.ROOT);
        }
    }

    private PolicyEntities() {}

    static AwsReply list(Guard guard, AwsCall call) {
        QueryParams p = call.params();
        String filter = p.optional("EntityFilter").map(f -> PolicyActions.enumeration(f, "entityFilter", FILTERS))
                .orElse(null);
        String prefix = Constraints.pathPrefix(p.optional("PathPrefix").orElse("/"), "pathPrefix");
        String usage = p.optional("PolicyUsageFilter").map(u -> PolicyActions.enumeration(u, "policyUsageFilter", USAGES))
                .orElse(null);
        Page page = Page.of(p);
        PolicyEntity policy = PolicyActions.authorized(guard, call, "iam:ListEntitiesForPolicy", Map.of());
        String account = Guard.account(call);
        boolean policyMatches = filter == null || !filter.endsWith("ManagedPolicy")
                || filter.equals("AWSManagedPolicy") == ManagedPolicies.awsManaged(policy);
        List<Entity> all = new ArrayList<>();
        if (policyMatches) {
            if (usage == null || usage.equals("PermissionsPolicy")) {
                attached(account, policy, all);
            }
            if (usage == null || usage.equals("PermissionsBoundary")) {
                bounded(account, policy, all);
            }
        }
        String after = page.after() == null ? "" : page.after();
        List<Entity> fetched = all.stream()
                .filter(e -> filter == null || filter.endsWith("ManagedPolicy") || e.kind.title.equals(filter))
                .filter(e -> e.path.startsWith(prefix))
                .filter(e -> e.key().compareTo(after) > 0)
                .distinct()
                .sorted(Comparator.comparing(Entity::key))
                .limit(page.maxItems() + 1L).toList();
        boolean truncated = fetched.size() > page.maxItems();
        List<Entity> shown = truncated ? fetched.subList(0, page.maxItems()) : fetched;
        XmlWriter xml = new XmlWriter();
        for (Kind kind : List.of(Kind.GROUP, Kind.USER, Kind.ROLE)) {
            xml.start("Policy" + kind.title + "s");
            shown.stream().filter(e -> e.kind == kind).forEach(e -> xml.start("member")
                    .element(kind.title + "Name", e.name).element(kind.title + "Id", e.id).end("member"));
            xml.end("Policy" + kind.title + "s");
        }
        xml.element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", PolicyHolder.marker(shown.get(shown.size() - 1).key()));
        }
        return AwsReply.read(xml.toString());
    }

    private static void attached(String account, PolicyEntity policy, List<Entity> out) {
        String query = "accountId = ?1 and id in (select a.principalId from AttachmentEntity a where a.policyId = ?2)";
        UserEntity.<UserEntity>list(query, account, policy.id)
                .forEach(u -> out.add(new Entity(Kind.USER, u.name, u.id, u.path)));
        GroupEntity.<GroupEntity>list(query, account, policy.id)
                .forEach(g -> out.add(new Entity(Kind.GROUP, g.name, g.id, g.path)));
        RoleEntity.<RoleEntity>list(query, account, policy.id)
                .forEach(r -> out.add(new Entity(Kind.ROLE, r.name, r.id, r.path)));
    }

    private static void bounded(String account, PolicyEntity policy, List<Entity> out) {
        UserEntity.<UserEntity>list("accountId = ?1 and boundaryArn = ?2", account, policy.arn)
                .forEach(u -> out.add(new Entity(Kind.USER, u.name, u.id, u.path)));
        RoleEntity.<RoleEntity>list("accountId = ?1 and boundaryArn = ?2", account, policy.arn)
                .forEach(r -> out.add(new Entity(Kind.ROLE, r.name, r.id, r.path)));
    }
}
