package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.GroupMemberEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * AddUserToGroup, RemoveUserFromGroup and ListGroupsForUser. A user belongs to at most
 * {@value #MAX_GROUPS_PER_USER} groups. Membership changes what a user may do, so every change
 * bumps the account's policy epoch.
 */
@ApplicationScoped
public class GroupMembershipActions implements IamActionGroup {
    static final int MAX_GROUPS_PER_USER = 10;
    /** existingUserNameType: names of existing users are accepted up to 128 characters. */
    private static final int MAX_EXISTING_USER_NAME = 128;

    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("AddUserToGroup", this::add, "RemoveUserFromGroup", this::remove,
                "ListGroupsForUser", this::listForUser);
    }

    private static String userName(AwsCall call) {
        return Constraints.name(call.params().required("UserName"), "userName", MAX_EXISTING_USER_NAME);
    }

    private static UserEntity user(GroupEntity group, String name) {
        return UserActions.find(group.accountId, name);
    }

    private AwsReply add(AwsCall call) {
        String groupName = GroupActions.name(call.params(), "GroupName");
        String userName = userName(call);
        GroupEntity group = GroupActions.authorized(guard, call, "iam:AddUserToGroup", groupName);
        UserEntity user = user(group, userName);
        // Adding a member twice is not an error in IAM: the call simply changes nothing.
        if (GroupMemberEntity.count("groupId = ?1 and userId = ?2", group.id, user.id) == 0) {
            if (GroupMemberEntity.count("userId", user.id) >= MAX_GROUPS_PER_USER) {
                throw AwsException.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
            }
            GroupMemberEntity member = new GroupMemberEntity();
            member.groupId = group.id;
            member.userId = user.id;
            member.persist();
            PolicySets.invalidate(group.accountId);
        }
        return Replies.write(null, null, GroupActions.resource(group), Replies.user(user));
    }

    private AwsReply remove(AwsCall call) {
        String groupName = GroupActions.name(call.params(), "GroupName");
        String userName = userName(call);
        GroupEntity group = GroupActions.authorized(guard, call, "iam:RemoveUserFromGroup", groupName);
        UserEntity user = user(group, userName);
        // Removing a user who is not a member is not an error either (observed AWS behaviour).
        if (GroupMemberEntity.delete("groupId = ?1 and userId = ?2", group.id, user.id) > 0) {
            PolicySets.invalidate(group.accountId);
        }
        return Replies.write(null, null, GroupActions.resource(group), Replies.user(user));
    }

    private AwsReply listForUser(AwsCall call) {
        String account = Guard.account(call);
        String name = userName(call);
        Page page = Page.of(call.params());
        UserEntity user = UserEntity.byName(account, name).orElse(null);
        guard.require(call, "iam:ListGroupsForUser", user != null ? user.arn : Arns.iam(account, "user", "/", name));
        if (user == null) {
            throw UserActions.noSuchUser(name);
        }
        List<GroupEntity> groups = GroupEntity.find("id in (select m.groupId from GroupMemberEntity m where m.userId = ?1)"
                + " and nameLower > ?2", Sort.by("nameLower"), user.id, page.after() == null ? "" : page.after())
                .page(0, page.maxItems() + 1).list();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Groups", groups, g -> g.nameLower, GroupActions::write);
        return AwsReply.read(xml.toString());
    }
}
