package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import io.gatehouse.identity.WorkforceDirectory;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.MemberId;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccessDeniedException;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;
import software.amazon.awssdk.services.ssoadmin.model.TargetType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Permission sets in member accounts of the organization (created with the Organizations API):
 * the reserved role is made in the member account (seen through its OrganizationAccountAccessRole),
 * a customer managed policy is resolved per account, the account's tags drive a delegated
 * administrator's policy as {@code aws:ResourceTag/*} on {@code arn:aws:sso:::account/<id>}, and
 * callers of a member account are refused.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class MemberAccountAssignmentsTest {
    static final String ALLOW_S3 = PermissionSetsCompatibilityTest.ALLOW_S3;

    private final SsoAdminClient sso = Workforce.ssoAdmin();
    private final IdentitystoreClient store = Workforce.admin();
    private final IamClient iam = Iam.admin();
    private final OrganizationsClient orgs = OrganizationsClient.builder().endpointOverride(Iam.endpoint())
            .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(admin()))
            .httpClient(UrlConnectionHttpClient.create()).build();
    private String instanceArn;
    private String management;

    @Inject
    WorkforceDirectory directory;
    @Inject
    WorkforceAccess access;

    @BeforeEach
    void instance() {
        var instance = PermissionSetsCompatibilityTest.instance(sso);
        instanceArn = instance.instanceArn();
        management = instance.ownerAccountId();
    }

    private static AwsCredentials admin() {
        return AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    private String newAccount(String team) {
        String name = Iam.name("member");
        String id = orgs.createAccount(r -> r.accountName(name).email(name + "@example.com")).createAccountStatus()
                .accountId();
        orgs.tagResource(r -> r.resourceId(id).tags(Tag.builder().key("team").value(team).build()));
        return id;
    }

    /** The management administrator in the member account, through OrganizationAccountAccessRole. */
    private static IamClient memberIam(String accountId) {
        StsClient sts = StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(admin()))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId
                + ":role/OrganizationAccountAccessRole").roleSessionName("admin")).credentials();
        return Iam.client(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private static Role reservedRole(IamClient iam, String permissionSetName) {
        List<Role> roles = iam.listRolesPaginator(r -> r.pathPrefix("/aws-reserved/sso.amazonaws.com/")).roles()
                .stream().filter(r -> r.roleName().startsWith("AWSReservedSSO_" + permissionSetName + "_")).toList();
        assertThat(roles).hasSize(1);
        return iam.getRole(r -> r.roleName(roles.get(0).roleName())).role();
    }

    private String newGroupWith(String userId) {
        String groupId = store.createGroup(r -> r.identityStoreId(directory.identityStoreId())
                .displayName(Iam.name("members"))).groupId();
        store.createGroupMembership(r -> r.identityStoreId(directory.identityStoreId()).groupId(groupId)
                .memberId(MemberId.fromUserId(userId)));
        return groupId;
    }

    private String newUser() {
        String name = Iam.name("member-user");
        return store.createUser(r -> r.identityStoreId(directory.identityStoreId()).userName(name).displayName(name)
                .name(n -> n.givenName("M").familyName("Ember"))).userId();
    }

    private void assign(SsoAdminClient client, String psArn, String account, String groupId) {
        assertThat(client.createAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .targetType(TargetType.AWS_ACCOUNT).targetId(account).principalType(PrincipalType.GROUP)
                .principalId(groupId)).accountAssignmentCreationStatus().status()).isEqualTo(StatusValues.SUCCEEDED);
    }

    @Test
    void theReservedRoleIsMadeInTheMemberAccountAndCustomerPoliciesResolvePerAccount() {
        String member = newAccount("payments");
        String userId = newUser();
        String groupId = newGroupWith(userId);
        String name = "Mem" + Iam.name("x").substring(2).replace("-", "");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name(name).sessionDuration("PT2H"))
                .permissionSet().permissionSetArn();
        sso.putInlinePolicyToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .inlinePolicy(ALLOW_S3));
        assign(sso, psArn, member, groupId);

        IamClient memberIam = memberIam(member);
        Role role = reservedRole(memberIam, name);
        assertThat(role.arn()).startsWith("arn:aws:iam::" + member + ":role/aws-reserved/sso.amazonaws.com/");
        assertThat(role.maxSessionDuration()).isEqualTo(7_200);
        assertThat(URLDecoder.decode(memberIam.getRolePolicy(r -> r.roleName(role.roleName())
                .policyName("AwsSSOInlinePolicy")).policyDocument(), StandardCharsets.UTF_8)).isEqualTo(ALLOW_S3);
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName(
                role.roleName())))).isNotNull();
        assertThat(access.assignmentsFor(userId)).containsExactly(new AccountAccess(member, psArn, name, role.arn(),
                7_200));
        assertThat(sso.listPermissionSetsProvisionedToAccount(r -> r.instanceArn(instanceArn).accountId(member))
                .permissionSets()).containsExactly(psArn);

        // A customer managed policy that exists in the member account only.
        String policyName = "Team" + Iam.name("x").substring(2).replace("-", "");
        String policyArn = memberIam.createPolicy(r -> r.policyName(policyName).policyDocument(ALLOW_S3)).policy()
                .arn();
        sso.attachCustomerManagedPolicyReferenceToPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .customerManagedPolicyReference(c -> c.name(policyName)));
        assertThat(sso.listPermissionSetsProvisionedToAccount(r -> r.instanceArn(instanceArn).accountId(member)
                .provisioningStatus(ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED)).permissionSets())
                .containsExactly(psArn);
        PermissionSetProvisioningStatus inMember = sso.provisionPermissionSet(r -> r.instanceArn(instanceArn)
                .permissionSetArn(psArn).targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS))
                .permissionSetProvisioningStatus();
        assertThat(inMember.status()).isEqualTo(StatusValues.SUCCEEDED);
        assertThat(memberIam.listAttachedRolePolicies(r -> r.roleName(role.roleName())).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly(policyArn);

        var failed = sso.createAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .targetType(TargetType.AWS_ACCOUNT).targetId(management).principalType(PrincipalType.GROUP)
                .principalId(groupId)).accountAssignmentCreationStatus();
        assertThat(failed.status()).isEqualTo(StatusValues.FAILED);
        assertThat(failed.failureReason()).contains(management).contains(policyName);
        assertThat(sso.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instanceArn)
                .permissionSetArn(psArn)).accountIds()).containsExactly(member);

        sso.deleteAccountAssignment(r -> r.instanceArn(instanceArn).permissionSetArn(psArn)
                .targetType(TargetType.AWS_ACCOUNT).targetId(member).principalType(PrincipalType.GROUP)
                .principalId(groupId));
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> memberIam.getRole(r -> r.roleName(
                role.roleName())))).isNotNull();
        assertThat(access.assignmentsFor(userId)).isEmpty();
    }

    @Test
    void accountTagsDecideADelegatedAdministratorsAssignments() {
        String payments = newAccount("payments");
        String search = newAccount("search");
        Iam.Principal delegate = Iam.newUser(iam, "ssoaccounts");
        iam.putUserPolicy(r -> r.userName(delegate.user().userName()).policyName("payments").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"sso:CreateAccountAssignment",
                  "Resource":["arn:aws:sso:::instance/*","arn:aws:sso:::permissionSet/*"]},
                 {"Effect":"Allow","Action":"sso:CreateAccountAssignment","Resource":"arn:aws:sso:::account/*",
                  "Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}}]}"""));
        SsoAdminClient delegated = Workforce.ssoAdmin(delegate);
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name("Acct"
                + Iam.name("x").substring(2).replace("-", ""))).permissionSet().permissionSetArn();
        String groupId = newGroupWith(newUser());

        assign(delegated, psArn, payments, groupId);
        AccessDeniedException denied = catchThrowableOfType(AccessDeniedException.class, () -> assign(delegated,
                psArn, search, groupId));
        assertThat(denied.getMessage()).contains("arn:aws:sso:::account/" + search);
        assign(sso, psArn, search, groupId);
    }

    @Test
    void unknownAccountsAndCallersOfMemberAccountsAreRefused() {
        String member = newAccount("none");
        String psArn = sso.createPermissionSet(r -> r.instanceArn(instanceArn).name("Unk"
                + Iam.name("x").substring(2).replace("-", ""))).permissionSet().permissionSetArn();
        String groupId = newGroupWith(newUser());
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> assign(sso, psArn, "000000000000",
                groupId))).isNotNull();

        StsClient sts = StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(admin()))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + member
                + ":role/OrganizationAccountAccessRole").roleSessionName("member-admin")).credentials();
        SsoAdminClient memberCaller = SsoAdminClient.builder().endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create()).build();
        AccessDeniedException refused = catchThrowableOfType(AccessDeniedException.class,
                () -> memberCaller.listPermissionSets(r -> r.instanceArn(instanceArn)));
        assertThat(refused.getMessage()).contains("management account");
    }
}
