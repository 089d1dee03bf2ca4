package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/** IAM groups and membership through the unmodified AWS SDK for Java v2. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamGroupsCompatibilityTest {
    private final IamClient iam = Iam.admin();

    @Test
    void createGetListRenameAndDeleteAGroup() {
        String name = Iam.name("devs");
        String path = "/groups-" + Iam.name("p") + "/";
        Group created = iam.createGroup(r -> r.groupName(name).path(path)).group();
        assertThat(created.groupId()).matches("AGPA[A-Z2-7]{17}");
        assertThat(created.arn()).matches("arn:aws:iam::\\d{12}:group" + path + name);
        assertThat(created.createDate()).isNotNull();

        GetGroupResponse fetched = iam.getGroup(r -> r.groupName(name.toUpperCase()));
        assertThat(fetched.group().groupId()).isEqualTo(created.groupId());
        assertThat(fetched.users()).isEmpty();
        assertThat(fetched.isTruncated()).isFalse();

        assertThat(iam.listGroups(r -> r.pathPrefix(path)).groups()).extracting(Group::groupName).containsExactly(name);

        String renamed = name + "-ops";
        iam.updateGroup(r -> r.groupName(name).newGroupName(renamed).newPath("/ops/"));
        assertThat(iam.getGroup(r -> r.groupName(renamed)).group().arn()).endsWith(":group/ops/" + renamed);
        assertThat(iam.listGroups(r -> r.pathPrefix(path)).groups()).isEmpty();
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getGroup(r -> r.groupName(name)));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone).hasMessageContaining("The group with name " + name + " cannot be found.");

        iam.deleteGroup(r -> r.groupName(renamed));
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.deleteGroup(r -> r.groupName(renamed))))
                .isNotNull();
    }

    @Test
    void membersArePagedAndGroupsWithMembersCannotBeDeleted() {
        String group = Iam.name("team");
        iam.createGroup(r -> r.groupName(group));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = Iam.name("member" + i);
            iam.createUser(r -> r.userName(user));
            iam.addUserToGroup(r -> r.groupName(group).userName(user));
            users.add(user);
        }
        // Adding a member twice changes nothing and is not an error.
        iam.addUserToGroup(r -> r.groupName(group).userName(users.get(0)));

        GetGroupResponse first = iam.getGroup(r -> r.groupName(group).maxItems(2));
        assertThat(first.users()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();
        List<String> members = iam.getGroupPaginator(r -> r.groupName(group).maxItems(2)).users().stream()
                .map(User::userName).collect(Collectors.toList());
        assertThat(members).containsExactlyInAnyOrderElementsOf(users).hasSize(3);

        assertThat(iam.listGroupsForUser(r -> r.userName(users.get(1))).groups()).extracting(Group::groupName)
                .containsExactly(group);

        DeleteConflictException conflict = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteGroup(r -> r.groupName(group)));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");
        DeleteConflictException userConflict = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteUser(r -> r.userName(users.get(0))));
        assertThat(userConflict.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");

        for (String user : users) {
            iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
            assertThat(iam.listGroupsForUser(r -> r.userName(user)).groups()).isEmpty();
            iam.deleteUser(r -> r.userName(user));
        }
        iam.deleteGroup(r -> r.groupName(group));
    }

    @Test
    void aUserBelongsToAtMostTenGroups() {
        String user = Iam.name("joiner");
        iam.createUser(r -> r.userName(user));
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String group = Iam.name("g" + i);
            iam.createGroup(r -> r.groupName(group));
            groups.add(group);
        }
        for (int i = 0; i < 10; i++) {
            String group = groups.get(i);
            iam.addUserToGroup(r -> r.groupName(group).userName(user));
        }
        LimitExceededException limit = catchThrowableOfType(LimitExceededException.class,
                () -> iam.addUserToGroup(r -> r.groupName(groups.get(10)).userName(user)));
        assertThat(limit.statusCode()).isEqualTo(409);
        assertThat(limit.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for GroupsPerUser: 10");
        assertThat(iam.listGroupsForUserPaginator(r -> r.userName(user).maxItems(3)).groups().stream().count())
                .isEqualTo(10);

        for (String group : groups) {
            iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
            iam.deleteGroup(r -> r.groupName(group));
        }
        iam.deleteUser(r -> r.userName(user));
    }

    @Test
    void badInputGetsAwsErrorsNeverA500() {
        IamException tooLong = catchThrowableOfType(IamException.class,
                () -> iam.createGroup(r -> r.groupName("g".repeat(129))));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(tooLong.awsErrorDetails().errorMessage()).contains("groupName").contains("128");

        IamException badName = catchThrowableOfType(IamException.class, () -> iam.createGroup(r -> r.groupName("a b")));
        assertThat(badName.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        String group = Iam.name("dup");
        iam.createGroup(r -> r.groupName(group).path("/"));
        EntityAlreadyExistsException dup = catchThrowableOfType(EntityAlreadyExistsException.class,
                () -> iam.createGroup(r -> r.groupName(group.toLowerCase())));
        assertThat(dup.statusCode()).isEqualTo(409);

        String missing = Iam.name("nobody");
        NoSuchEntityException noUser = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.addUserToGroup(r -> r.groupName(group).userName(missing)));
        assertThat(noUser.awsErrorDetails().errorMessage()).isEqualTo("The user with name " + missing + " cannot be found.");
        NoSuchEntityException noGroup = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.addUserToGroup(r -> r.groupName(missing).userName("admin")));
        assertThat(noGroup.awsErrorDetails().errorMessage()).isEqualTo("The group with name " + missing + " cannot be found.");
        assertThat(catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.listGroupsForUser(r -> r.userName(missing)))).isNotNull();
        IamException badRename = catchThrowableOfType(IamException.class,
                () -> iam.updateGroup(r -> r.groupName(group).newGroupName("bad name")));
        assertThat(badRename.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        iam.deleteGroup(r -> r.groupName(group));
    }

    @Test
    void membershipGrantsTheGroupsPoliciesAndRemovalTakesThemAway() {
        Iam.Principal frank = Iam.newUser(iam, "frank");
        String group = Iam.name("readers");
        iam.createGroup(r -> r.groupName(group));
        iam.putGroupPolicy(r -> r.groupName(group).policyName("list-users").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\","
                        + "\"Resource\":\"*\"}]}"));
        IamException before = catchThrowableOfType(IamException.class, () -> frank.client().listUsers());
        assertThat(before.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        iam.addUserToGroup(r -> r.groupName(group).userName(frank.user().userName()));
        assertThat(frank.client().listUsers().users()).extracting(User::userName).contains(frank.user().userName());

        DeleteConflictException conflict = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteGroup(r -> r.groupName(group)));
        assertThat(conflict.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");
        iam.removeUserFromGroup(r -> r.groupName(group).userName(frank.user().userName()));
        IamException after = catchThrowableOfType(IamException.class, () -> frank.client().listUsers());
        assertThat(after.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        DeleteConflictException inline = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteGroup(r -> r.groupName(group)));
        assertThat(inline.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete policies first.");
        iam.deleteGroupPolicy(r -> r.groupName(group).policyName("list-users"));
        iam.deleteGroup(r -> r.groupName(group));
        iam.deleteAccessKey(r -> r.userName(frank.user().userName()).accessKeyId(frank.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(frank.user().userName()));
    }

    @Test
    void aUserWithoutPermissionsCannotManageGroups() {
        Iam.Principal dave = Iam.newUser(iam, "dave");
        String group = Iam.name("locked");
        IamException denied = catchThrowableOfType(IamException.class,
                () -> dave.client().createGroup(r -> r.groupName(group)));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        String account = dave.user().arn().split(":")[4];
        assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:CreateGroup")
                .contains("arn:aws:iam::" + account + ":group/" + group);

        // A missing group is not revealed to a caller who may not ask about it.
        IamException hidden = catchThrowableOfType(IamException.class,
                () -> dave.client().getGroup(r -> r.groupName(Iam.name("missing"))));
        assertThat(hidden.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        IamException listing = catchThrowableOfType(IamException.class,
                () -> dave.client().listGroupsForUser(r -> r.userName(dave.user().userName())));
        assertThat(listing.awsErrorDetails().errorMessage()).contains("iam:ListGroupsForUser")
                .contains(dave.user().arn());
        assertThat(iam.listGroups(r -> r.pathPrefix("/")).groups()).extracting(Group::groupName).doesNotContain(group);

        iam.deleteAccessKey(r -> r.userName(dave.user().userName()).accessKeyId(dave.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(dave.user().userName()));
    }
}
