package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM roles through the unmodified AWS SDK for Java v2. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamRolesCompatibilityTest {
    private static final String TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private final IamClient iam = Iam.admin();

    private static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void createGetUpdateAndDeleteARole() {
        String name = Iam.name("deployer");
        Role created = iam.createRole(r -> r.roleName(name).path("/service/").assumeRolePolicyDocument(TRUST)
                .description("Deploys things").tags(Tag.builder().key("team").value("platform").build())).role();
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.arn()).matches("arn:aws:iam::\\d{12}:role/service/" + name);
        assertThat(decode(created.assumeRolePolicyDocument())).isEqualTo(TRUST);

        Role fetched = iam.getRole(r -> r.roleName(name.toUpperCase())).role();
        assertThat(fetched.roleId()).isEqualTo(created.roleId());
        assertThat(fetched.createDate()).isEqualTo(created.createDate());
        assertThat(fetched.assumeRolePolicyDocument()).doesNotContain("{").contains("%20");
        assertThat(decode(fetched.assumeRolePolicyDocument())).isEqualTo(TRUST);
        assertThat(fetched.maxSessionDuration()).isEqualTo(3600);
        assertThat(fetched.description()).isEqualTo("Deploys things");
        assertThat(fetched.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(fetched.roleLastUsed()).isNotNull();
        assertThat(fetched.roleLastUsed().lastUsedDate()).isNull();
        assertThat(fetched.permissionsBoundary()).isNull();

        iam.updateRole(r -> r.roleName(name).description("Deploys more").maxSessionDuration(7200));
        String trust2 = TRUST.replace("ec2.amazonaws.com", "lambda.amazonaws.com");
        iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(trust2));
        Role updated = iam.getRole(r -> r.roleName(name)).role();
        assertThat(updated.maxSessionDuration()).isEqualTo(7200);
        assertThat(updated.description()).isEqualTo("Deploys more");
        assertThat(decode(updated.assumeRolePolicyDocument())).isEqualTo(trust2);
        assertThat(iam.updateRoleDescription(r -> r.roleName(name).description("Third")).role().description())
                .isEqualTo("Third");

        iam.putRolePolicy(r -> r.roleName(name).policyName("inline").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        DeleteConflictException conflict = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteRole(r -> r.roleName(name)));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete policies first.");
        iam.deleteRolePolicy(r -> r.roleName(name).policyName("inline"));

        iam.deleteRole(r -> r.roleName(name));
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getRole(r -> r.roleName(name)));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The role with name " + name + " cannot be found.");
    }

    @Test
    void listRolesByPathWithMarkers() {
        String path = "/roles-" + Iam.name("p") + "/";
        for (int i = 0; i < 3; i++) {
            int n = i;
            iam.createRole(r -> r.roleName(Iam.name("lister" + n)).path(path).assumeRolePolicyDocument(TRUST));
        }
        var first = iam.listRoles(r -> r.pathPrefix(path).maxItems(2));
        assertThat(first.roles()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        assertThat(decode(first.roles().get(0).assumeRolePolicyDocument())).isEqualTo(TRUST);
        List<String> all = iam.listRolesPaginator(r -> r.pathPrefix(path).maxItems(2)).roles().stream()
                .map(Role::roleName).collect(Collectors.toList());
        assertThat(all).hasSize(3).isSorted();
        all.forEach(n -> iam.deleteRole(r -> r.roleName(n)));
    }

    @Test
    void tagsAndPermissionsBoundaries() {
        String name = Iam.name("tagged");
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST).permissionsBoundary(READ_ONLY));
        assertThat(iam.getRole(r -> r.roleName(name)).role().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(READ_ONLY);
        iam.deleteRolePermissionsBoundary(r -> r.roleName(name));
        assertThat(iam.getRole(r -> r.roleName(name)).role().permissionsBoundary()).isNull();
        iam.putRolePermissionsBoundary(r -> r.roleName(name).permissionsBoundary(READ_ONLY));
        assertThat(iam.getRole(r -> r.roleName(name)).role().permissionsBoundary().permissionsBoundaryType())
                .isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);
        IamException badBoundary = catchThrowableOfType(IamException.class, () -> iam.putRolePermissionsBoundary(
                r -> r.roleName(name).permissionsBoundary("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere")));
        assertThat(badBoundary.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        iam.tagRole(r -> r.roleName(name).tags(Tag.builder().key("b").value("2").build(),
                Tag.builder().key("a").value("1").build(), Tag.builder().key("c").value("3").build()));
        ListRoleTagsResponse page = iam.listRoleTags(r -> r.roleName(name).maxItems(2));
        assertThat(page.tags()).extracting(Tag::key).containsExactly("a", "b");
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listRoleTags(r -> r.roleName(name).marker(page.marker())).tags()).extracting(Tag::key)
                .containsExactly("c");
        iam.untagRole(r -> r.roleName(name).tagKeys("a", "c"));
        assertThat(iam.listRoleTags(r -> r.roleName(name)).tags()).extracting(Tag::key).containsExactly("b");
        iam.deleteRole(r -> r.roleName(name));
    }

    @Test
    void invalidTrustPoliciesAreMalformedPolicyDocuments() {
        String withResource = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
        for (String document : List.of(withResource, "{\"Version\":\"2012-10-17\",\"Statement\":[", "not json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}")) {
            String name = Iam.name("badtrust");
            MalformedPolicyDocumentException e = catchThrowableOfType(MalformedPolicyDocumentException.class,
                    () -> iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(document)));
            assertThat(e).as(document).isNotNull();
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
            assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName(name))))
                    .isNotNull();
        }
        String name = Iam.name("goodtrust");
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        assertThat(catchThrowableOfType(MalformedPolicyDocumentException.class,
                () -> iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(withResource)))).isNotNull();
        assertThat(decode(iam.getRole(r -> r.roleName(name)).role().assumeRolePolicyDocument())).isEqualTo(TRUST);
        iam.deleteRole(r -> r.roleName(name));
    }

    @Test
    void aTrustPolicyMustNameUsersAndRolesThatExist() {
        String account = iam.getUser().user().arn().split(":")[4];
        String userName = Iam.name("trusted");
        String userArn = iam.createUser(r -> r.userName(userName)).user().arn();
        String missing = "arn:aws:iam::" + account + ":user/nobody-" + userName;
        String roleName = Iam.name("trusting");
        MalformedPolicyDocumentException e = catchThrowableOfType(MalformedPolicyDocumentException.class,
                () -> iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trusting(userArn, missing))));
        assertThat(e).isNotNull();
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid principal in policy: \"AWS\":\"" + missing
                + "\"");
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName(roleName))))
                .isNotNull();

        // Users and roles that exist, and principals of accounts Gatehouse does not hold, are accepted.
        iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trusting(userArn,
                "arn:aws:iam::111122223333:user/someone")));
        String roleArn = iam.getRole(r -> r.roleName(roleName)).role().arn();
        String missingRole = "arn:aws:iam::" + account + ":role/no-such-" + roleName;
        assertThat(catchThrowableOfType(MalformedPolicyDocumentException.class, () -> iam.updateAssumeRolePolicy(
                r -> r.roleName(roleName).policyDocument(trusting(roleArn, missingRole))))).isNotNull();
        iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(trusting(roleArn, userArn)));
        iam.deleteRole(r -> r.roleName(roleName));
        iam.deleteUser(r -> r.userName(userName));
    }

    private static String trusting(String... principals) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\""
                + String.join("\",\"", principals) + "\"]},\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void badInputGetsValidationErrorsNeverA500() {
        String name = Iam.name("limits");
        for (int seconds : new int[] {3599, 43201}) {
            IamException e = catchThrowableOfType(IamException.class, () -> iam.createRole(
                    r -> r.roleName(name).assumeRolePolicyDocument(TRUST).maxSessionDuration(seconds)));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).contains("maxSessionDuration").contains("" + seconds);
        }
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST).maxSessionDuration(43200));
        assertThat(iam.getRole(r -> r.roleName(name)).role().maxSessionDuration()).isEqualTo(43200);
        IamException update = catchThrowableOfType(IamException.class,
                () -> iam.updateRole(r -> r.roleName(name).maxSessionDuration(3599)));
        assertThat(update.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        EntityAlreadyExistsException dup = catchThrowableOfType(EntityAlreadyExistsException.class,
                () -> iam.createRole(r -> r.roleName(name.toLowerCase()).assumeRolePolicyDocument(TRUST)));
        assertThat(dup.statusCode()).isEqualTo(409);

        IamException tooLong = catchThrowableOfType(IamException.class,
                () -> iam.createRole(r -> r.roleName("r".repeat(65)).assumeRolePolicyDocument(TRUST)));
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(tooLong.awsErrorDetails().errorMessage()).contains("roleName").contains("64");
        IamException noTrust = catchThrowableOfType(IamException.class,
                () -> iam.createRole(r -> r.roleName(Iam.name("r"))));
        assertThat(noTrust.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.deleteRole(r -> r.roleName(Iam.name("missing"))))).isNotNull();
        iam.deleteRole(r -> r.roleName(name));
    }

    @Test
    void aUserWithoutPermissionsIsDenied() {
        Iam.Principal erin = Iam.newUser(iam, "erin");
        String name = Iam.name("forbidden");
        IamException denied = catchThrowableOfType(IamException.class,
                () -> erin.client().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:CreateRole").contains(":role/" + name);
        IamException list = catchThrowableOfType(IamException.class, () -> erin.client().listRoles());
        assertThat(list.awsErrorDetails().errorMessage()).contains("iam:ListRoles")
                .contains(erin.user().arn().replaceFirst(":user/.*", ":role/"));
        // A missing role is not revealed to a caller who may not ask about it.
        IamException hidden = catchThrowableOfType(IamException.class,
                () -> erin.client().getRole(r -> r.roleName(Iam.name("missing"))));
        assertThat(hidden.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        iam.deleteAccessKey(r -> r.userName(erin.user().userName()).accessKeyId(erin.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(erin.user().userName()));
    }
}
