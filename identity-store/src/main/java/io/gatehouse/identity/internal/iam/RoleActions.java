package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy and
 * DeleteRole. Trust policies are validated as such (Principal required, Resource forbidden, 2,048
 * characters) and returned URL-encoded, as AWS does. Tags and boundaries are in
 * {@link RoleTagActions}.
 */
@ApplicationScoped
public class RoleActions implements IamActionGroup {
    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateRole", this::create, "GetRole", this::get, "ListRoles", this::list,
                "UpdateRole", this::update, "UpdateRoleDescription", this::updateDescription,
                "UpdateAssumeRolePolicy", this::updateTrust, "DeleteRole", this::delete);
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = Roles.name(p);
        String path = Constraints.path(p.optional("Path").orElse("/"), "path");
        String trust = p.required("AssumeRolePolicyDocument");
        Constraints.length(trust, "assumeRolePolicyDocument", 1, 131_072);
        String description = p.optional("Description").map(Roles::description).orElse(null);
        Integer maxSession = Roles.maxSessionDuration(p);
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String boundary = p.optional("PermissionsBoundary").orElse(null);
        String arn = Arns.iam(account, "role", path, name);
        Map<String, List<String>> context = Guard.creationContext(tags, boundary);
        guard.require(call, "iam:CreateRole", arn, context);
        if (RoleEntity.byName(account, name).isPresent()) {
            throw AwsException.alreadyExists("Role with name " + name + " already exists.");
        }
        RoleEntity role = new RoleEntity();
        role.id = AwsIds.roleId();
        role.accountId = account;
        role.name = name;
        role.nameLower = name.toLowerCase(Locale.ROOT);
        role.path = path;
        role.arn = arn;
        role.description = description;
        role.trustPolicy = Roles.trustPolicy(trust, "assumeRolePolicyDocument");
        role.maxSessionDuration = maxSession == null ? Roles.MIN_SESSION : maxSession;
        role.boundaryArn = boundary == null ? null : Boundaries.check(boundary);
        role.createdAt = clock.instant();
        role.persist();
        Tags.put(role.id, tags);
        if (boundary != null) {
            PolicySets.invalidate(account);
        }
        XmlWriter xml = new XmlWriter().start("Role");
        Roles.basic(xml, role);
        UserXml.boundary(xml, role.boundaryArn);
        Tags.write(xml, tags);
        xml.end("Role");
        return Replies.write(xml, Map.of("role", Map.of("roleName", name, "roleId", role.id, "arn", arn, "path", path,
                "assumeRolePolicyDocument", role.trustPolicy)), Roles.resource(role));
    }

    private AwsReply get(AwsCall call) {
        RoleEntity role = Roles.authorized(guard, call, "iam:GetRole", Roles.name(call.params()));
        return AwsReply.read(Roles.xml(role, Tags.of(role.id)).toString());
    }

    private AwsReply list(AwsCall call) {
        String account = Guard.account(call);
        String prefix = Constraints.pathPrefix(call.params().optional("PathPrefix").orElse("/"), "pathPrefix");
        Page page = Page.of(call.params());
        guard.require(call, "iam:ListRoles", Arns.listing(account, "role"));
        List<RoleEntity> roles = page.namedUnderPath(RoleEntity.class, account, prefix);
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Roles", roles, r -> r.nameLower, Roles::basic);
        return AwsReply.read(xml.toString());
    }

    private AwsReply update(AwsCall call) {
        QueryParams p = call.params();
        String name = Roles.name(p);
        String description = p.optional("Description").map(Roles::description).orElse(null);
        Integer maxSession = Roles.maxSessionDuration(p);
        RoleEntity role = Roles.authorized(guard, call, "iam:UpdateRole", name);
        if (p.optional("Description").isPresent()) {
            role.description = description;
        }
        if (maxSession != null) {
            role.maxSessionDuration = maxSession;
            // The role directory caches roles by the account's epoch (AssumeRole's hot path).
            PolicySets.invalidate(role.accountId);
        }
        return Replies.write(null, null, Roles.resource(role));
    }

    private AwsReply updateDescription(AwsCall call) {
        QueryParams p = call.params();
        String name = Roles.name(p);
        String description = Roles.description(p.required("Description"));
        RoleEntity role = Roles.authorized(guard, call, "iam:UpdateRoleDescription", name);
        role.description = description;
        return Replies.write(Roles.xml(role, Tags.of(role.id)), null, Roles.resource(role));
    }

    private AwsReply updateTrust(AwsCall call) {
        QueryParams p = call.params();
        String name = Roles.name(p);
        String document = p.required("PolicyDocument");
        Constraints.length(document, "policyDocument", 1, 131_072);
        RoleEntity role = Roles.authorized(guard, call, "iam:UpdateAssumeRolePolicy", name);
        role.trustPolicy = Roles.trustPolicy(document, "policyDocument");
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, Map.of("roleName", role.name, "policyDocument", document), Roles.resource(role));
    }

    private AwsReply delete(AwsCall call) {
        RoleEntity role = Roles.authorized(guard, call, "iam:DeleteRole", Roles.name(call.params()));
        GroupActions.conflict(AttachmentEntity.count("principalId", role.id) > 0, "must detach all policies first.");
        GroupActions.conflict(InlinePolicyEntity.count("principalId", role.id) > 0, "must delete policies first.");
        Tags.removeAll(role.id);
        role.delete();
        PolicySets.invalidate(role.accountId);
        return Replies.write(null, null, Roles.resource(role));
    }
}
