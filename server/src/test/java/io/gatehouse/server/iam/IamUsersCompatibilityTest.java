package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/** IAM users through the unmodified AWS SDK for Java v2 (endpoint override, real SigV4). */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamUsersCompatibilityTest {
    private final IamClient iam = Iam.admin();

    @Test
    void createGetUpdateAndDeleteAUser() {
        String name = Iam.name("alice");
        User created = iam.createUser(r -> r.userName(name).path("/engineering/")
                .tags(Tag.builder().key("team").value("payments").build())).user();
        assertThat(created.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(created.arn()).matches("arn:aws:iam::\\d{12}:user/engineering/" + name);
        assertThat(created.tags()).extracting(Tag::key).containsExactly("team");

        User fetched = iam.getUser(r -> r.userName(name.toUpperCase())).user();
        assertThat(fetched.userId()).isEqualTo(created.userId());
        assertThat(fetched.createDate()).isEqualTo(created.createDate());
        assertThat(fetched.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "payments"));
        iam.tagUser(r -> r.userName(name).tags(Tag.builder().key("Cost").value("7").build(),
                Tag.builder().key("zone").value("").build()));
        assertThat(iam.getUser(r -> r.userName(name)).user().tags()).extracting(Tag::key)
                .containsExactly("Cost", "team", "zone");

        String renamed = name + "-b";
        iam.updateUser(r -> r.userName(name).newUserName(renamed).newPath("/finance/"));
        assertThat(iam.getUser(r -> r.userName(renamed)).user().arn()).endsWith(":user/finance/" + renamed);
        assertThat(iam.listUserTags(r -> r.userName(renamed)).tags()).extracting(Tag::value)
                .containsExactly("7", "payments", "");

        iam.deleteUser(r -> r.userName(renamed));
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getUser(r -> r.userName(renamed))))
                .hasMessageContaining("The user with name " + renamed + " cannot be found.");
    }

    /** Each thing a user still holds refuses its deletion, in AWS's words, until it is gone. */
    @Test
    void aUserIsDeletedOnlyWhenNothingHoldsItAnyMore() {
        String name = Iam.name("held");
        String group = Iam.name("holders");
        iam.createUser(r -> r.userName(name));
        iam.createGroup(r -> r.groupName(group));
        iam.addUserToGroup(r -> r.groupName(group).userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
                        + "\"Resource\":\"*\"}}"));
        iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        iam.createLoginProfile(r -> r.userName(name).password("Held-User-Pw-1!"));
        String key = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();

        java.util.List<String> messages = new java.util.ArrayList<>();
        java.util.List<Runnable> releases = List.of(
                () -> iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key)),
                () -> iam.deleteLoginProfile(r -> r.userName(name)),
                () -> iam.detachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")),
                () -> iam.deleteUserPolicy(r -> r.userName(name).policyName("inline")),
                () -> iam.removeUserFromGroup(r -> r.groupName(group).userName(name)));
        for (Runnable release : releases) {
            IamException conflict = catchThrowableOfType(IamException.class, () -> iam.deleteUser(r -> r.userName(name)));
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
            messages.add(conflict.awsErrorDetails().errorMessage());
            release.run();
        }
        assertThat(messages).containsExactly("Cannot delete entity, must delete access keys first.",
                "Cannot delete entity, must delete login profile first.",
                "Cannot delete entity, must detach all policies first.",
                "Cannot delete entity, must delete policies first.",
                "Cannot delete entity, must remove users from group first.");
        iam.deleteUser(r -> r.userName(name));
        iam.deleteGroup(r -> r.groupName(group));
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getUser(r -> r.userName(name))))
                .isNotNull();
    }

    @Test
    void namesAreUniqueRegardlessOfCase() {
        String name = Iam.name("Bob");
        iam.createUser(r -> r.userName(name));
        EntityAlreadyExistsException e = catchThrowableOfType(EntityAlreadyExistsException.class,
                () -> iam.createUser(r -> r.userName(name.toLowerCase())));
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name " + name.toLowerCase()
                + " already exists.");
        // The refused insert rolled back alone: the first user is whole.
        assertThat(iam.getUser(r -> r.userName(name.toLowerCase())).user().userName()).isEqualTo(name);
        iam.deleteUser(r -> r.userName(name));
    }

    @Test
    void listUsersPagesWithMarkers() {
        String prefix = "/paging-" + Iam.name("p") + "/";
        for (int i = 0; i < 5; i++) {
            int n = i;
            iam.createUser(r -> r.userName(Iam.name("page" + n)).path(prefix));
        }
        ListUsersResponse first = iam.listUsers(r -> r.pathPrefix(prefix).maxItems(2));
        assertThat(first.users()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        List<String> all = iam.listUsersPaginator(r -> r.pathPrefix(prefix).maxItems(2)).users().stream()
                .map(User::userName).collect(Collectors.toList());
        assertThat(all).hasSize(5).isSorted();
        all.forEach(n -> iam.deleteUser(r -> r.userName(n)));
    }

    @Test
    void badInputGetsAwsValidationErrorsNeverA500() {
        IamException e = catchThrowableOfType(IamException.class, () -> iam.createUser(r -> r.userName("bad name!")));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).contains("userName").contains("[\\w+=,.@-]+");

        IamException path = catchThrowableOfType(IamException.class,
                () -> iam.createUser(r -> r.userName(Iam.name("x")).path("no-slashes")));
        assertThat(path.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        IamException tooLong = catchThrowableOfType(IamException.class,
                () -> iam.createUser(r -> r.userName("u".repeat(65))));
        assertThat(tooLong.awsErrorDetails().errorMessage()).contains("length less than or equal to 64");
    }

    @Test
    void aUserWithoutPermissionsIsDeniedWithAwsWording() {
        Iam.Principal carol = Iam.newUser(iam, "carol");
        IamException denied = catchThrowableOfType(IamException.class, () -> carol.client().listUsers());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage())
                .isEqualTo("User: " + carol.user().arn() + " is not authorized to perform: iam:ListUsers on resource: "
                        + carol.user().arn().replaceFirst(":user/.*", ":user/")
                        + " because no identity-based policy allows the iam:ListUsers action");
    }

    @Test
    void anInactiveOrDeletedKeyStopsAuthenticatingAtOnce() {
        Iam.Principal dave = Iam.newUser(iam, "dave");
        String name = dave.user().userName();
        String keyId = dave.key().accessKeyId();
        // Authenticated but without permissions: AccessDenied, not a signature error.
        assertThat(errorCode(() -> dave.client().listUsers())).isEqualTo("AccessDenied");
        iam.updateAccessKey(r -> r.userName(name).accessKeyId(keyId).status(StatusType.INACTIVE));
        assertThat(errorCode(() -> dave.client().listUsers())).isEqualTo("SignatureDoesNotMatch");
        iam.updateAccessKey(r -> r.userName(name).accessKeyId(keyId).status(StatusType.ACTIVE));
        assertThat(errorCode(() -> dave.client().listUsers())).isEqualTo("AccessDenied");
        assertThat(iam.getAccessKeyLastUsed(r -> r.accessKeyId(keyId)).accessKeyLastUsed().serviceName()).isEqualTo("iam");
        iam.deleteAccessKey(r -> r.userName(name).accessKeyId(keyId));
        assertThat(errorCode(() -> dave.client().listUsers())).isEqualTo("SignatureDoesNotMatch");
        iam.deleteUser(r -> r.userName(name));
    }

    private static String errorCode(Runnable call) {
        IamException e = catchThrowableOfType(IamException.class, call::run);
        return e == null ? "none" : e.awsErrorDetails().errorCode();
    }
}
