package io.gatehouse.server.iam;

import static io.gatehouse.server.iam.IamPoliciesCompatibilityTest.ALLOW_LIST_USERS;
import static io.gatehouse.server.iam.IamPoliciesCompatibilityTest.DENY_LIST_USERS;
import static io.gatehouse.server.iam.IamPoliciesCompatibilityTest.allow;
import static io.gatehouse.server.iam.IamPoliciesCompatibilityTest.create;
import static io.gatehouse.server.iam.IamPoliciesCompatibilityTest.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyUser;

/** Attached and inline policies of users, groups and roles, and their effect on authorization. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamPolicyAttachmentsCompatibilityTest {
    private static final String TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";

    private final IamClient iam = Iam.admin();

    private static void assertDenied(Runnable call) {
        IamException e = catchThrowableOfType(IamException.class, call::run);
        assertThat(e).as("expected AccessDenied").isNotNull();
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void attachmentsVersionsAndInlineDeniesTakeEffectImmediately() {
        Iam.Principal dave = Iam.newUser(iam, "dave");
        String user = dave.user().userName();
        assertDenied(() -> dave.client().listUsers());

        String arn = create(iam, ALLOW_LIST_USERS).arn();
        iam.attachUserPolicy(r -> r.userName(user).policyArn(arn));
        iam.attachUserPolicy(r -> r.userName(user).policyArn(arn)); // idempotent
        assertThat(dave.client().listUsers().users()).isNotEmpty();
        assertThat(iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(arn);
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);

        iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DENY_LIST_USERS));
        assertThat(dave.client().listUsers().users()).isNotEmpty(); // v2 is not the default yet
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        assertDenied(() -> dave.client().listUsers());
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        assertThat(dave.client().listUsers().users()).isNotEmpty();

        iam.putUserPolicy(r -> r.userName(user).policyName("NoListing").policyDocument(DENY_LIST_USERS));
        assertDenied(() -> dave.client().listUsers());
        assertThat(decode(iam.getUserPolicy(r -> r.userName(user).policyName("nolisting")).policyDocument()))
                .isEqualTo(DENY_LIST_USERS);
        assertThat(iam.listUserPolicies(r -> r.userName(user)).policyNames()).containsExactly("NoListing");
        iam.deleteUserPolicy(r -> r.userName(user).policyName("NoListing"));
        assertThat(dave.client().listUsers().users()).isNotEmpty();

        DeleteConflictException attached = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deletePolicy(r -> r.policyArn(arn)));
        assertThat(attached.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete a policy attached to entities.");

        iam.detachUserPolicy(r -> r.userName(user).policyArn(arn));
        assertDenied(() -> dave.client().listUsers());
        NoSuchEntityException notAttached = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.detachUserPolicy(r -> r.userName(user).policyArn(arn)));
        assertThat(notAttached.awsErrorDetails().errorMessage()).isEqualTo("Policy " + arn + " was not found.");
        assertThat(iam.listUserPolicies(r -> r.userName(user)).policyNames()).isEmpty();

        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        iam.deletePolicy(r -> r.policyArn(arn));
        iam.deleteAccessKey(r -> r.userName(user).accessKeyId(dave.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(user));
    }

    @Test
    void aPermissionsBoundaryLimitsWhatInlinePoliciesGrant() {
        Iam.Principal erin = Iam.newUser(iam, "erin");
        String user = erin.user().userName();
        String boundary = create(iam, allow("iam:ListPolicies")).arn();
        iam.putUserPolicy(r -> r.userName(user).policyName("Lists")
                .policyDocument(allow("iam:ListUsers", "iam:ListPolicies")));
        assertThat(erin.client().listUsers().users()).isNotEmpty();

        iam.putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(boundary));
        assertDenied(() -> erin.client().listUsers());
        assertThat(erin.client().listPolicies(r -> r.maxItems(1)).policies()).hasSize(1);
        assertThat(iam.getPolicy(r -> r.policyArn(boundary)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        ListEntitiesForPolicyResponse bounded = iam.listEntitiesForPolicy(r -> r.policyArn(boundary)
                .policyUsageFilter("PermissionsBoundary"));
        assertThat(bounded.policyUsers()).extracting(PolicyUser::userName).containsExactly(user);
        assertThat(catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deletePolicy(r -> r.policyArn(boundary)))).isNotNull();

        iam.deleteUserPermissionsBoundary(r -> r.userName(user));
        assertThat(erin.client().listUsers().users()).isNotEmpty();
        iam.deleteUserPolicy(r -> r.userName(user).policyName("Lists"));
        iam.deletePolicy(r -> r.policyArn(boundary));
        iam.deleteAccessKey(r -> r.userName(user).accessKeyId(erin.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(user));
    }

    @Test
    void quotasConflictsAndMissingEntities() {
        String user = iam.createUser(r -> r.userName(Iam.name("frank"))).user().userName();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            arns.add(create(iam, ALLOW_LIST_USERS).arn());
        }
        arns.subList(0, 10).forEach(a -> iam.attachUserPolicy(r -> r.userName(user).policyArn(a)));
        LimitExceededException eleventh = catchThrowableOfType(LimitExceededException.class,
                () -> iam.attachUserPolicy(r -> r.userName(user).policyArn(arns.get(10))));
        assertThat(eleventh.statusCode()).isEqualTo(409);
        assertThat(eleventh.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for PoliciesPerUser: 10");

        var page = iam.listAttachedUserPolicies(r -> r.userName(user).maxItems(4));
        assertThat(page.attachedPolicies()).hasSize(4);
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listAttachedUserPoliciesPaginator(r -> r.userName(user).maxItems(4)).attachedPolicies()
                .stream().map(AttachedPolicy::policyArn).toList()).containsExactlyInAnyOrderElementsOf(arns.subList(0, 10));
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(r -> r.policyArn(arns.get(0))
                .entityFilter(EntityType.USER));
        assertThat(entities.policyUsers()).extracting(PolicyUser::userName).containsExactly(user);
        assertThat(entities.policyGroups()).isEmpty();
        assertThat(entities.policyRoles()).isEmpty();

        String missing = arns.get(10).replaceFirst("policy/.*", "policy/" + Iam.name("missing"));
        NoSuchEntityException noPolicy = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.attachUserPolicy(r -> r.userName(user).policyArn(missing)));
        assertThat(noPolicy.awsErrorDetails().errorMessage()).isEqualTo("Policy " + missing
                + " does not exist or is not attachable.");
        NoSuchEntityException noUser = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.attachUserPolicy(r -> r.userName("nobody-" + user).policyArn(arns.get(0))));
        assertThat(noUser.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody-" + user
                + " cannot be found.");
        NoSuchEntityException noInline = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getUserPolicy(r -> r.userName(user).policyName("Nope")));
        assertThat(noInline.awsErrorDetails().errorMessage()).isEqualTo("The user policy with name Nope cannot be found.");

        IamException malformed = catchThrowableOfType(IamException.class, () -> iam.putUserPolicy(r -> r.userName(user)
                .policyName("Big").policyDocument(allow("iam:" + "x".repeat(2_100)))));
        assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(malformed.awsErrorDetails().errorMessage()).contains("2048");
        iam.putUserPolicy(r -> r.userName(user).policyName("Half1").policyDocument(allow("iam:" + "x".repeat(1_000))));
        IamException total = catchThrowableOfType(IamException.class, () -> iam.putUserPolicy(r -> r.userName(user)
                .policyName("Half2").policyDocument(allow("iam:" + "y".repeat(1_000)))));
        assertThat(total.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
        iam.deleteUserPolicy(r -> r.userName(user).policyName("Half1"));

        arns.subList(0, 10).forEach(a -> iam.detachUserPolicy(r -> r.userName(user).policyArn(a)));
        arns.forEach(a -> iam.deletePolicy(r -> r.policyArn(a)));
        iam.deleteUser(r -> r.userName(user));
    }

    @Test
    void groupsAndRolesHoldPoliciesToo() {
        String group = iam.createGroup(r -> r.groupName(Iam.name("auditors"))).group().groupName();
        String role = iam.createRole(r -> r.roleName(Iam.name("auditor")).assumeRolePolicyDocument(TRUST)).role()
                .roleName();
        Policy policy = create(iam, ALLOW_LIST_USERS);
        iam.attachGroupPolicy(r -> r.groupName(group).policyArn(policy.arn()));
        iam.attachRolePolicy(r -> r.roleName(role).policyArn(policy.arn()));
        iam.putGroupPolicy(r -> r.groupName(group).policyName("G").policyDocument(ALLOW_LIST_USERS));
        iam.putRolePolicy(r -> r.roleName(role).policyName("R").policyDocument(DENY_LIST_USERS));

        assertThat(iam.listAttachedGroupPolicies(r -> r.groupName(group)).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly(policy.policyName());
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).hasSize(1);
        var getGroup = iam.getGroupPolicy(r -> r.groupName(group).policyName("G"));
        assertThat(getGroup.groupName()).isEqualTo(group);
        assertThat(decode(getGroup.policyDocument())).isEqualTo(ALLOW_LIST_USERS);
        var getRole = iam.getRolePolicy(r -> r.roleName(role).policyName("R"));
        assertThat(getRole.roleName()).isEqualTo(role);
        assertThat(decode(getRole.policyDocument())).isEqualTo(DENY_LIST_USERS);
        assertThat(iam.listRolePolicies(r -> r.roleName(role)).policyNames()).containsExactly("R");
        assertThat(iam.listGroupPolicies(r -> r.groupName(group)).policyNames()).containsExactly("G");
        ListEntitiesForPolicyResponse entities = iam.listEntitiesForPolicy(r -> r.policyArn(policy.arn()));
        assertThat(entities.policyGroups()).hasSize(1);
        assertThat(entities.policyRoles()).hasSize(1);
        assertThat(entities.policyUsers()).isEmpty();
        assertThat(iam.getPolicy(r -> r.policyArn(policy.arn())).policy().attachmentCount()).isEqualTo(2);

        iam.deleteGroupPolicy(r -> r.groupName(group).policyName("G"));
        iam.deleteRolePolicy(r -> r.roleName(role).policyName("R"));
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getRolePolicy(r -> r.roleName(role).policyName("R")));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The role policy with name R cannot be found.");
        iam.detachGroupPolicy(r -> r.groupName(group).policyArn(policy.arn()));
        iam.detachRolePolicy(r -> r.roleName(role).policyArn(policy.arn()));
        iam.deletePolicy(r -> r.policyArn(policy.arn()));
        iam.deleteGroup(r -> r.groupName(group));
        iam.deleteRole(r -> r.roleName(role));
    }

    /**
     * Concurrent attachments of one managed policy to many roles: every call succeeds at the first
     * attempt (the client does not retry; the SDK's own retries would hide a refused call) and the
     * attachment count is exact, none lost.
     */
    @Test
    void concurrentAttachmentsOfOnePolicyAllSucceed() throws Exception {
        IamClient once = IamClient.builder().endpointOverride(Iam.endpoint())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID,
                                IamApiProfile.ADMIN_SECRET)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(software.amazon.awssdk.core.retry.RetryPolicy.none()))
                .build();
        String policy = create(iam, ALLOW_LIST_USERS).arn();
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String role = Iam.name("concurrent");
            iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST));
            roles.add(role);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (String role : roles) {
                calls.add(pool.submit(() -> once.attachRolePolicy(r -> r.roleName(role).policyArn(policy))));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                call.get(); // throws if a call was refused
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(iam.getPolicy(r -> r.policyArn(policy)).policy().attachmentCount()).isEqualTo(roles.size());
        for (String role : roles) {
            iam.detachRolePolicy(r -> r.roleName(role).policyArn(policy));
            iam.deleteRole(r -> r.roleName(role));
        }
        iam.deletePolicy(r -> r.policyArn(policy));
    }
}
