package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.GroupMemberEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateGroup, GetGroup, ListGroups, UpdateGroup and DeleteGroup. Membership lives in
 * {@link GroupMembershipActions}. Every operation authorizes on the group's ARN before it tells
 * whether the group exists (a missing group is authorized on its ARN under the root path).
 */
@ApplicationScoped
public class GroupActions implements IamActionGroup {
    static final int MAX_NAME = 128;

    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateGroup", this::create, "GetGroup", this::get, "ListGroups", this::list,
                "UpdateGroup", this::update, "DeleteGroup", this::delete);
    }

    /** The validated GroupName parameter (or another member holding a group name). */
    static String name(QueryParams params, String parameter) {
        String member = Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
        return Constraints.name(params.required(parameter), member, MAX_NAME);
    }

    /**
     * Authorizes {@code action} on the named group and returns it; NoSuchEntity, as AWS words it,
     * only once the caller was allowed to ask.
     */
    static GroupEntity authorized(Guard guard, AwsCall call, String action, String name) {
        String account = Guard.account(call);
        GroupEntity group = GroupEntity.byName(account, name).orElse(null);
        guard.require(call, action, group != null ? group.arn : Arns.iam(account, "group", "/", name));
        if (group == null) {
            throw AwsException.noSuchEntity("The group with name " + name + " cannot be found.");
        }
        return group;
    }

    /** The {@code Group} structure: Path, GroupName, GroupId, Arn, CreateDate. */
    static void write(XmlWriter xml, GroupEntity group) {
        xml.element("Path", group.path).element("GroupName", group.name).element("GroupId", group.id)
                .element("Arn", group.arn).element("CreateDate", group.createdAt);
    }

    /** The group as the audit record lists it. */
    static AwsReply.Resource resource(GroupEntity group) {
        return new AwsReply.Resource("AWS::IAM::Group", group.arn, group.accountId);
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = name(p, "GroupName");
        String path = Constraints.path(p.optional("Path").orElse("/"), "path");
        String arn = Arns.iam(account, "group", path, name);
        guard.require(call, "iam:CreateGroup", arn);
        if (GroupEntity.byName(account, name).isPresent()) {
            throw AwsException.alreadyExists("Group with name " + name + " already exists.");
        }
        GroupEntity group = new GroupEntity();
        group.id = AwsIds.groupId();
        group.accountId = account;
        group.name = name;
        group.nameLower = name.toLowerCase(Locale.ROOT);
        group.path = path;
        group.arn = arn;
        group.createdAt = clock.instant();
        group.persist();
        XmlWriter xml = new XmlWriter().start("Group");
        write(xml, group);
        xml.end("Group");
        return Replies.write(xml, Map.of("group", Map.of("groupName", name, "groupId", group.id, "arn", arn,
                "path", path)), resource(group));
    }

    private AwsReply get(AwsCall call) {
        GroupEntity group = authorized(guard, call, "iam:GetGroup", name(call.params(), "GroupName"));
        Page page = Page.of(call.params());
        List<UserEntity> users = UserEntity.find("id in (select m.userId from GroupMemberEntity m where m.groupId = ?1)"
                + " and nameLower > ?2", Sort.by("nameLower"), group.id, page.after() == null ? "" : page.after())
                .page(0, page.maxItems() + 1).list();
        XmlWriter xml = new XmlWriter().start("Group");
        write(xml, group);
        xml.end("Group");
        page.write(xml, "Users", users, u -> u.nameLower, UserXml::basic);
        return AwsReply.read(xml.toString());
    }

    private AwsReply list(AwsCall call) {
        String account = Guard.account(call);
        String prefix = Constraints.pathPrefix(call.params().optional("PathPrefix").orElse("/"), "pathPrefix");
        Page page = Page.of(call.params());
        guard.require(call, "iam:ListGroups", Arns.listing(account, "group"));
        List<GroupEntity> groups = page.namedUnderPath(GroupEntity.class, account, prefix);
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Groups", groups, g -> g.nameLower, GroupActions::write);
        return AwsReply.read(xml.toString());
    }

    private AwsReply update(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = name(p, "GroupName");
        String newName = p.optional("NewGroupName").map(n -> Constraints.name(n, "newGroupName", MAX_NAME)).orElse(null);
        String newPath = p.optional("NewPath").map(n -> Constraints.path(n, "newPath")).orElse(null);
        GroupEntity group = authorized(guard, call, "iam:UpdateGroup", name);
        newName = newName == null ? group.name : newName;
        newPath = newPath == null ? group.path : newPath;
        String newArn = Arns.iam(account, "group", newPath, newName);
        if (!newArn.equals(group.arn)) {
            // Renaming or moving needs permission on the destination too, as AWS requires.
            guard.require(call, "iam:UpdateGroup", newArn);
        }
        if (!newName.equalsIgnoreCase(group.name) && GroupEntity.byName(account, newName).isPresent()) {
            throw AwsException.alreadyExists("Group with name " + newName + " already exists.");
        }
        group.name = newName;
        group.nameLower = newName.toLowerCase(Locale.ROOT);
        group.path = newPath;
        group.arn = newArn;
        PolicySets.invalidate(account);
        return Replies.write(null, null, resource(group));
    }

    private AwsReply delete(AwsCall call) {
        GroupEntity group = authorized(guard, call, "iam:DeleteGroup", name(call.params(), "GroupName"));
        conflict(GroupMemberEntity.count("groupId", group.id) > 0, "must remove users from group first.");
        conflict(AttachmentEntity.count("principalId", group.id) > 0, "must detach all policies first.");
        conflict(InlinePolicyEntity.count("principalId", group.id) > 0, "must delete policies first.");
        group.delete();
        PolicySets.invalidate(group.accountId);
        return Replies.write(null, null, resource(group));
    }

    static void conflict(boolean condition, String what) {
        if (condition) {
            throw AwsException.deleteConflict("Cannot delete entity, " + what);
        }
    }
}
