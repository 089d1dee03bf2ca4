package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TagRole, UntagRole, ListRoleTags, PutRolePermissionsBoundary and DeleteRolePermissionsBoundary.
 * Tags can appear in policy conditions and boundaries limit what the role may do, so every change
 * bumps the account's policy epoch.
 */
@ApplicationScoped
public class RoleTagActions implements IamActionGroup {
    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("TagRole", this::tag, "UntagRole", this::untag, "ListRoleTags", this::listTags,
                "PutRolePermissionsBoundary", this::putBoundary,
                "DeleteRolePermissionsBoundary", this::deleteBoundary);
    }

    private AwsReply tag(AwsCall call) {
        String name = Roles.name(call.params());
        Map<String, String> tags = call.params().tags("Tags");
        RoleEntity role = Roles.authorized(guard, call, "iam:TagRole", name, tags, Map.of());
        Tags.put(role.id, tags);
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, null, Roles.resource(role));
    }

    private AwsReply untag(AwsCall call) {
        String name = Roles.name(call.params());
        List<String> keys = call.params().list("TagKeys");
        RoleEntity role = Roles.authorized(guard, call, "iam:UntagRole", name, null, Map.of("aws:TagKeys", keys));
        Tags.remove(role.id, keys);
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, null, Roles.resource(role));
    }

    private AwsReply listTags(AwsCall call) {
        String name = Roles.name(call.params());
        Page page = Page.of(call.params());
        RoleEntity role = Roles.authorized(guard, call, "iam:ListRoleTags", name);
        // Tags.of is sorted by lower-cased key, which is also the page marker.
        List<Map.Entry<String, String>> tags = Tags.of(role.id).entrySet().stream()
                .filter(t -> page.after() == null || t.getKey().toLowerCase(Locale.ROOT).compareTo(page.after()) > 0)
                .limit(page.maxItems() + 1L).toList();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Tags", tags, t -> t.getKey().toLowerCase(Locale.ROOT),
                (x, t) -> x.element("Key", t.getKey()).element("Value", t.getValue()));
        return AwsReply.read(xml.toString());
    }

    private AwsReply putBoundary(AwsCall call) {
        String name = Roles.name(call.params());
        String boundary = call.params().required("PermissionsBoundary");
        Constraints.length(boundary, "permissionsBoundary", 20, 2048);
        RoleEntity role = Roles.authorized(guard, call, "iam:PutRolePermissionsBoundary", name, null,
                Map.of("iam:PermissionsBoundary", List.of(boundary)));
        role.boundaryArn = Boundaries.check(boundary);
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, null, Roles.resource(role));
    }

    private AwsReply deleteBoundary(AwsCall call) {
        RoleEntity role = Roles.authorized(guard, call, "iam:DeleteRolePermissionsBoundary", Roles.name(call.params()));
        role.boundaryArn = null;
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, null, Roles.resource(role));
    }
}
