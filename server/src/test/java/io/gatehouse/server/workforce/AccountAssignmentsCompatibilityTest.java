package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.server.cloudtrail.CloudTrail;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.MemberId;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccessDeniedException;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
import software.amazon.awssdk.services.ssoadmin.model.ConflictException;
import software.amazon.awssdk.services.ssoadmin.model.CustomerManagedPolicyReference;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;
import software.amazon.awssdk.services.ssoadmin.model.Tag;
import software.amazon.awssdk.services.ssoadmin.model.TargetType;

/**
 * Account assignments and provisioning through the unmodified SsoAdminClient, seen through the
 * IAM API (IamClient: the reserved role, its policies, trust and session duration), the
 * Identity Store API and SCIM (memberships, deactivation) and {@link WorkforceAccess}; delegated
 * administration by IAM policy; the audit records.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class AccountAssignmentsCompatibilityTest {
    static final String ALLOW_S3 = PermissionSetsCompatibilityTest.ALLOW_S3;
    static final String ALLOW_SQS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";

    private final SsoAdminClient sso = Workforce.ssoAdmin();
    private final IdentitystoreClient store = Workforce.admin();
    private final IamClient iam = Iam.admin();
    private String instanceArn;
    private String account;

    @Inject
    WorkforceDirectory directory;
    @Inject
    WorkforceAccess access;

    @BeforeEach
    void instance() {
        var instance = PermissionSetsCompatibilityTest.instance(sso);
        instanceArn = instance.instanceArn();
        account = instance.ownerAccountId();
    }

    private static String unique(String prefix) {
        return prefix + Iam.name("x").substring(2).replace("-", "");
    }

    private String newUser() {
        String name = Iam.name("worker");
        return store.createUser(r -> r.identityStoreId(directory.identityStoreId()).userName(name)
                .displayName(name).name(n -> n.givenName("W").familyName("Orker"))).userId();
    }

    private String newGroup() {
        return store.createGroup(r -> r.identityStoreId(directory.identityStoreId()).displayName(Iam.name("team")))
                .groupId();
    }

    private String join(String groupId, String userId) {
        return store.createGroupMembership(r -> r.identityStoreId(directory.identityStoreId()).groupId(groupId)
                .memberId(MemberId.fromUserId(userId))).membershipId();
    }

    private AccountAssignmentOperationStatus assign(String psArn, PrincipalType type, String principal) {
        return sso.createAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(type).principalId(principal))
                .accountAssignmentCreationStatus();
    }

    private AccountAssignmentOperationStatus unassign(String psArn, PrincipalType type, String principal) {
        return sso.deleteAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(type).principalId(principal))
                .accountAssignmentDeletionStatus();
    }

    private Role reservedRole(String permissionSetName) {
        List<Role> roles = iam.listRolesPaginator(r -> r.pathPrefix("/aws-reserved/sso.amazonaws.com/")).roles()
                .stream().filter(r -> r.roleName().startsWith("AWSReservedSSO_" + permissionSetName + "_")).toList();
        assertThat(roles).hasSize(1);
        return iam.getRole(r -> r.roleName(roles.get(0).roleName())).role();
    }

    private List<String> provisionedTo(ProvisioningStatus status) {
        return sso.listPermissionSetsProvisionedToAccountPaginator(r -> r.instanceArn(instanceArn).accountId(account)
                .provisioningStatus(status)).permissionSets().stream().toList();
    }

    @Test
    void anAssignmentToAGroupProvisionsTheReservedRoleWhichFollowsThePermissionSet() {
        String userId = newUser();
        String groupId = newGroup();
        join(groupId, userId);
        String name = unique("Ops");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(name).sessionDuration("PT4H"))
                .permissionSet().permissionSetArn();
        sso.putInlinePolicyToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .inlinePolicy(ALLOW_S3));
        sso.attachManagedPolicyToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .managedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        sso.putPermissionsBoundaryToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .permissionsBoundary(PermissionsBoundary.builder()
                        .managedPolicyArn("arn:aws:iam::aws:policy/PowerUserAccess").build()));

        AccountAssignmentOperationStatus created = assign(psArn, PrincipalType.GROUP, groupId);
        assertThat(created.status()).isEqualTo(StatusValues.SUCCEEDED);
        assertThat(created.requestId()).matches("[0-9a-f-]{36}");
        assertThat(created.targetId()).isEqualTo(account);
        assertThat(created.permissionSetArn()).isEqualTo(psArn);
        assertThat(sso.describeAccountAssignmentCreationStatus(r -> r.instanceArn(instanceArn)
                .accountAssignmentCreationRequestId(created.requestId())).accountAssignmentCreationStatus().status())
                .isEqualTo(StatusValues.SUCCEEDED);
        assertThat(sso.listAccountAssignmentCreationStatusPaginator(r -> r.instanceArn(instanceArn))
                .accountAssignmentsCreationStatus().stream().map(s -> s.requestId()).toList())
                .contains(created.requestId());

        Role role = reservedRole(name);
        assertThat(role.path()).isEqualTo("/aws-reserved/sso.amazonaws.com/");
        assertThat(role.roleName()).matches("AWSReservedSSO_" + name + "_[0-9a-f]{16}");
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + account + ":role/aws-reserved/sso.amazonaws.com/"
                + role.roleName());
        assertThat(role.maxSessionDuration()).isEqualTo(14_400);
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("\"Service\":\"sso.amazonaws.com\"").contains("sts:AssumeRole");
        assertThat(role.permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(iam.listRolePolicies(r -> r.roleName(role.roleName())).policyNames())
                .containsExactly("AwsSSOInlinePolicy");
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(role.roleName())
                .policyName("AwsSSOInlinePolicy")).policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_S3);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role.roleName())).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");

        // The reserved role is only changed through IAM Identity Center.
        for (Runnable change : List.<Runnable>of(() -> iam.deleteRole(r -> r.roleName(role.roleName())),
                () -> iam.putRolePolicy(r -> r.roleName(role.roleName()).policyName("AwsSSOInlinePolicy")
                        .policyDocument(ALLOW_SQS)),
                () -> iam.detachRolePolicy(r -> r.roleName(role.roleName())
                        .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")),
                () -> iam.updateAssumeRolePolicy(r -> r.roleName(role.roleName()).policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}")))) {
            UnmodifiableEntityException refused = catchThrowableOfType(UnmodifiableEntityException.class,
                    change::run);
            assertThat(refused.getMessage()).contains("protected role");
        }

        assertThat(sso.listAccountAssignments(r -> r.instanceArn(instanceArn).accountId(account)
                .permissionSetArn(psArn)).accountAssignments()).singleElement().satisfies(a -> {
                    assertThat(a.principalId()).isEqualTo(groupId);
                    assertThat(a.principalType()).isEqualTo(PrincipalType.GROUP);
                });
        assertThat(sso.listAccountAssignmentsForPrincipal(r -> r.instanceArn(instanceArn).principalId(groupId)
                .principalType(PrincipalType.GROUP)).accountAssignments()).extracting(a -> a.permissionSetArn())
                .containsExactly(psArn);
        assertThat(sso.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instanceArn)
                .permissionSetArn(psArn)).accountIds()).containsExactly(account);
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED)).contains(psArn);
        assertThat(access.assignmentsFor(userId)).containsExactly(new AccountAccess(account, psArn, name,
                role.arn(), 14_400));

        // A change waits for ProvisionPermissionSet.
        sso.putInlinePolicyToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .inlinePolicy(ALLOW_SQS));
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED)).contains(psArn);
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED)).doesNotContain(psArn);
        assertThat(sso.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .provisioningStatus(ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED)).accountIds())
                .containsExactly(account);
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(role.roleName())
                .policyName("AwsSSOInlinePolicy")).policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_S3);

        PermissionSetProvisioningStatus provisioned = sso.provisionPermissionSet(r -> r.instanceArn(instanceArn)
                .permissionSetArn(psArn).targetType(ProvisionTargetType.AWS_ACCOUNT).targetId(account))
                .permissionSetProvisioningStatus();
        assertThat(provisioned.status()).isEqualTo(StatusValues.SUCCEEDED);
        assertThat(provisioned.accountId()).isEqualTo(account);
        assertThat(sso.describePermissionSetProvisioningStatus(r -> r.instanceArn(instanceArn)
                .provisionPermissionSetRequestId(provisioned.requestId())).permissionSetProvisioningStatus().status())
                .isEqualTo(StatusValues.SUCCEEDED);
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(role.roleName())
                .policyName("AwsSSOInlinePolicy")).policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_SQS);
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED)).contains(psArn);

        ConflictException stillUsed = catchThrowableOfType(ConflictException.class, () -> sso.deletePermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(psArn)));
        assertThat(stillUsed.getMessage()).contains("assign");

        AccountAssignmentOperationStatus deleted = unassign(psArn, PrincipalType.GROUP, groupId);
        assertThat(deleted.status()).isEqualTo(StatusValues.SUCCEEDED);
        assertThat(sso.describeAccountAssignmentDeletionStatus(r -> r.instanceArn(instanceArn)
                .accountAssignmentDeletionRequestId(deleted.requestId())).accountAssignmentDeletionStatus().status())
                .isEqualTo(StatusValues.SUCCEEDED);
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName(
                role.roleName())))).isNotNull();
        assertThat(access.assignmentsFor(userId)).isEmpty();
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED)).doesNotContain(psArn);
        sso.deletePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn));
    }

    @Test
    void aMissingCustomerManagedPolicyFailsTheProvisioningWithAReason() {
        String policyName = unique("TeamPolicy");
        String name = unique("Cust");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(name)).permissionSet()
                .permissionSetArn();
        sso.attachCustomerManagedPolicyReferenceToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .customerManagedPolicyReference(CustomerManagedPolicyReference.builder().name(policyName)
                        .path("/teams/").build()));
        String userId = newUser();

        AccountAssignmentOperationStatus failed = assign(psArn, PrincipalType.USER, userId);
        assertThat(failed.status()).isEqualTo(StatusValues.FAILED);
        assertThat(failed.failureReason()).contains(policyName).contains(account);
        assertThat(sso.listAccountAssignmentCreationStatusPaginator(r -> r.instanceArn(instanceArn)
                .filter(f -> f.status(StatusValues.FAILED))).accountAssignmentsCreationStatus().stream()
                .map(s -> s.requestId()).toList()).contains(failed.requestId());
        assertThat(sso.listAccountAssignments(r -> r.instanceArn(instanceArn).accountId(account)
                .permissionSetArn(psArn)).accountAssignments()).isEmpty();
        assertThat(access.assignmentsFor(userId)).isEmpty();

        String policyArn = iam.createPolicy(r -> r.policyName(policyName).path("/teams/").policyDocument(ALLOW_SQS))
                .policy().arn();
        assertThat(assign(psArn, PrincipalType.USER, userId).status()).isEqualTo(StatusValues.SUCCEEDED);
        Role role = reservedRole(name);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role.roleName())).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly(policyArn);
        assertThat(access.assignmentsFor(userId)).extracting(AccountAccess::roleArn).containsExactly(role.arn());
        assertThat(provisionedTo(ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED)).contains(psArn);

        PermissionSetProvisioningStatus all = sso.provisionPermissionSet(r -> r.instanceArn(instanceArn)
                .permissionSetArn(psArn).targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS))
                .permissionSetProvisioningStatus();
        assertThat(all.status()).isEqualTo(StatusValues.SUCCEEDED);
        unassign(psArn, PrincipalType.USER, userId);
    }

    @Test
    void aUserSeesAssignmentsThroughGroupsUntilRemovedOrDeactivated() throws Exception {
        String userId = newUser();
        String groupId = newGroup();
        String membership = join(groupId, userId);
        String name = unique("Read");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(name)).permissionSet()
                .permissionSetArn();
        String direct = unique("Direct");
        String directArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(direct)).permissionSet()
                .permissionSetArn();
        assign(psArn, PrincipalType.GROUP, groupId);
        assign(directArn, PrincipalType.USER, userId);
        assign(directArn, PrincipalType.GROUP, groupId);

        assertThat(access.assignmentsFor(userId)).extracting(AccountAccess::permissionSetArn)
                .containsExactlyInAnyOrder(psArn, directArn);
        store.deleteGroupMembership(r -> r.identityStoreId(directory.identityStoreId()).membershipId(membership));
        assertThat(access.assignmentsFor(userId)).extracting(AccountAccess::permissionSetArn)
                .containsExactly(directArn);
        join(groupId, userId);
        assertThat(access.assignmentsFor(userId)).hasSize(2);

        Scim.Client scim = new Scim.Client(Scim.newToken());
        scim.json("PATCH", "/Users/" + userId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""", 200);
        assertThat(access.assignmentsFor(userId)).isEmpty();
        assertThat(access.assignmentsFor("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(access.assignmentsFor(null)).isEmpty();
    }

    @Test
    void unknownPrincipalsAccountsAndRequestsAreResourceNotFound() {
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(unique("Nf"))).permissionSet()
                .permissionSetArn();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> assign(psArn, PrincipalType.USER,
                "00000000-0000-0000-0000-000000000000"))).isNotNull();
        String groupId = newGroup();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> sso.createAccountAssignment(
                r -> r.instanceArn(instanceArn).permissionSetArn(psArn).targetType(TargetType.AWS_ACCOUNT)
                        .targetId("999999999999").principalType(PrincipalType.GROUP).principalId(groupId))))
                .isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> unassign(psArn, PrincipalType.GROUP,
                groupId))).isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> sso
                .describeAccountAssignmentCreationStatus(r -> r.instanceArn(instanceArn)
                        .accountAssignmentCreationRequestId("00000000-0000-0000-0000-000000000000")))).isNotNull();
    }

    @Test
    void aDelegatedAdministratorMayDoWhatItsPolicyAllows() {
        Iam.Principal delegate = Iam.newUser(iam, "ssodelegate");
        iam.putUserPolicy(r -> r.userName(delegate.user().userName()).policyName("assign").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":["sso:ListInstances","sso:ListPermissionSets","sso:DescribePermissionSet"],
                  "Resource":"*"},
                 {"Effect":"Allow","Action":"sso:CreateAccountAssignment",
                  "Resource":["arn:aws:sso:::instance/*","arn:aws:sso:::account/*"]},
                 {"Effect":"Allow","Action":"sso:CreateAccountAssignment","Resource":"arn:aws:sso:::permissionSet/*",
                  "Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}}]}"""));
        SsoAdminClient delegated = Workforce.ssoAdmin(delegate);
        String payments = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(unique("Pay"))
                .tags(Tag.builder().key("team").value("payments").build())).permissionSet().permissionSetArn();
        String other = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(unique("Other"))
                .tags(Tag.builder().key("team").value("search").build())).permissionSet().permissionSetArn();
        String groupId = newGroup();

        assertThat(delegated.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn)).permissionSets().stream()
                .toList()).contains(payments, other);
        assertThat(delegated.createAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(payments)
                .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(PrincipalType.GROUP)
                .principalId(groupId)).accountAssignmentCreationStatus().status()).isEqualTo(StatusValues.SUCCEEDED);
        AccessDeniedException denied = catchThrowableOfType(AccessDeniedException.class,
                () -> delegated.createAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(other)
                        .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(PrincipalType.GROUP)
                        .principalId(groupId)));
        assertThat(denied.getMessage()).contains("sso:CreateAccountAssignment").contains(other);
        AccessDeniedException notAllowed = catchThrowableOfType(AccessDeniedException.class,
                () -> delegated.deleteAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(payments)
                        .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(PrincipalType.GROUP)
                        .principalId(groupId)));
        assertThat(notAllowed.getMessage()).contains("sso:DeleteAccountAssignment");
        assertThat(catchThrowableOfType(AccessDeniedException.class, () -> delegated.createPermissionSet(
                r -> r.instanceArn(instanceArn).name(unique("Sneaky"))))).isNotNull();
        unassign(payments, PrincipalType.GROUP, groupId);
    }

    @Test
    void callsAreAuditedWithEventSourceSso() {
        String name = unique("Audit");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(name)).permissionSet()
                .permissionSetArn();
        CloudTrailClient cloudTrail = CloudTrail.admin();
        List<Event> events = cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("sso.amazonaws.com")).maxResults(50))
                .events();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("CreatePermissionSet");
            assertThat(e.resources()).anySatisfy(res -> assertThat(res.resourceType())
                    .isEqualTo("AWS::SSO::PermissionSet"));
            assertThat(e.cloudTrailEvent()).contains("\"ARN\":\"" + psArn + "\"");
        });
    }
}
