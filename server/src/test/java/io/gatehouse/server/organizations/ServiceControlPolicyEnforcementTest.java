package io.gatehouse.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.PolicyType;

/**
 * Service control policies limit every principal of a member account, level by level (root, each
 * OU, the account), and never the management account; a change is seen by the next call. Only the
 * management account may call Organizations, and a closed account's credentials stop working.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class ServiceControlPolicyEnforcementTest {
    private static final String ONLY_STS_AND_IAM_GET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":[\"sts:*\",\"iam:Get*\"],\"Resource\":\"*\"}]}";
    private static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final OrganizationsClient orgs = Orgs.admin();

    private String rootId() {
        return orgs.listRoots(r -> {}).roots().get(0).id();
    }

    private String scp(String prefix, String content) {
        return orgs.createPolicy(r -> r.name(Iam.name(prefix)).description("test").content(content)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
    }

    @Test
    void anScpOnTheAccountsOuLimitsItsRoleSessionsUntilDetached() {
        String root = rootId();
        String account = Orgs.newAccount(orgs, "guarded").accountId();
        String ou = orgs.createOrganizationalUnit(r -> r.parentId(root).name(Iam.name("guarded-ou")))
                .organizationalUnit().id();
        orgs.moveAccount(r -> r.accountId(account).sourceParentId(root).destinationParentId(ou));

        AwsSessionCredentials session = Orgs.assumeAccessRole(account);
        IamClient member = Iam.client(session);
        assertThat(member.createUser(r -> r.userName(Iam.name("before"))).user().arn())
                .startsWith("arn:aws:iam::" + account + ":user/");

        String deny = scp("deny-create-user", OrganizationsCompatibilityTest.DENY_CREATE_USER);
        orgs.attachPolicy(r -> r.policyId(deny).targetId(ou));
        IamException denied = catchThrowableOfType(IamException.class,
                () -> member.createUser(r -> r.userName(Iam.name("during"))));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:CreateUser")
                .contains("with an explicit deny in a service control policy");
        // Other actions are still allowed; the management account is never limited.
        assertThat(member.listUsers().users()).isNotEmpty();
        assertThat(Iam.admin().createUser(r -> r.userName(Iam.name("mgmt"))).user()).isNotNull();

        orgs.detachPolicy(r -> r.policyId(deny).targetId(ou));
        assertThat(member.createUser(r -> r.userName(Iam.name("after"))).user()).isNotNull();

        // Replace FullAWSAccess on the OU with an SCP allowing only sts:* and iam:Get*.
        String narrow = scp("only-sts", ONLY_STS_AND_IAM_GET);
        orgs.attachPolicy(r -> r.policyId(narrow).targetId(ou));
        orgs.detachPolicy(r -> r.policyId("p-FullAWSAccess").targetId(ou));
        IamException implicit = catchThrowableOfType(IamException.class,
                () -> member.createUser(r -> r.userName(Iam.name("narrow"))));
        assertThat(implicit.statusCode()).isEqualTo(403);
        assertThat(implicit.awsErrorDetails().errorMessage())
                .contains("because no service control policy allows the iam:CreateUser action");
        assertThat(member.getRole(r -> r.roleName("OrganizationAccountAccessRole")).role()).isNotNull();
        assertThat(Orgs.sts(session).getCallerIdentity(r -> {}).account()).isEqualTo(account);

        // Back to the root: the OU's SCP no longer applies.
        orgs.moveAccount(r -> r.accountId(account).sourceParentId(ou).destinationParentId(root));
        assertThat(member.createUser(r -> r.userName(Iam.name("moved"))).user()).isNotNull();
    }

    @Test
    void anScpOnTheAccountItselfAndOnTheRootApplyAndNeverToTheManagementAccount() {
        String root = rootId();
        String account = Orgs.newAccount(orgs, "direct").accountId();
        IamClient member = Iam.client(Orgs.assumeAccessRole(account));
        String deny = scp("deny-direct", OrganizationsCompatibilityTest.DENY_CREATE_USER);
        orgs.attachPolicy(r -> r.policyId(deny).targetId(account));
        assertThat(catchThrowableOfType(IamException.class,
                () -> member.createUser(r -> r.userName(Iam.name("x")))).awsErrorDetails().errorMessage())
                .contains("explicit deny in a service control policy");
        orgs.detachPolicy(r -> r.policyId(deny).targetId(account));

        String denyAll = scp("deny-all", DENY_ALL);
        orgs.attachPolicy(r -> r.policyId(denyAll).targetId(root));
        try {
            assertThat(catchThrowableOfType(IamException.class, () -> member.listUsers()).statusCode())
                    .isEqualTo(403);
            assertThat(Iam.admin().listUsers().users()).isNotEmpty();
            assertThat(orgs.listRoots(r -> {}).roots()).hasSize(1);
        } finally {
            orgs.detachPolicy(r -> r.policyId(denyAll).targetId(root));
        }
        assertThat(member.listUsers().users()).isNotNull();
    }

    @Test
    void onlyTheManagementAccountMayCallOrganizations() {
        String account = Orgs.newAccount(orgs, "caller").accountId();
        OrganizationsClient fromMember = Orgs.client(Orgs.assumeAccessRole(account));
        AccessDeniedException denied = catchThrowableOfType(AccessDeniedException.class,
                () -> fromMember.listAccounts(r -> {}));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorMessage())
                .isEqualTo("You don't have permissions to access this resource.");

        // A management-account user without organizations permissions is refused by the policy engine.
        Iam.Principal plain = Iam.newUser(Iam.admin(), "no-orgs");
        OrganizationsClient unprivileged = Orgs.client(software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                .create(plain.key().accessKeyId(), plain.key().secretAccessKey()));
        AccessDeniedException notAllowed = catchThrowableOfType(AccessDeniedException.class,
                () -> unprivileged.describeOrganization(r -> {}));
        assertThat(notAllowed.awsErrorDetails().errorMessage()).contains("organizations:DescribeOrganization");

        // CreateAccount alone may create an account, but tagging it at creation needs TagResource too.
        Iam.admin().putUserPolicy(r -> r.userName(plain.user().userName()).policyName("create-accounts")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"organizations:CreateAccount\",\"Resource\":\"*\"}]}"));
        String name = Iam.name("by-creator");
        assertThat(unprivileged.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().stateAsString()).isEqualTo("SUCCEEDED");
        AccessDeniedException noTagging = catchThrowableOfType(AccessDeniedException.class, () -> unprivileged
                .createAccount(r -> r.accountName(name + "t").email(name + "-t@example.com")
                        .tags(software.amazon.awssdk.services.organizations.model.Tag.builder().key("team")
                                .value("x").build())));
        assertThat(noTagging.awsErrorDetails().errorMessage()).contains("organizations:TagResource");
    }

    @Test
    void aClosedAccountsCredentialsStopWorking() {
        String account = Orgs.newAccount(orgs, "closing").accountId();
        AwsSessionCredentials session = Orgs.assumeAccessRole(account);
        IamClient member = Iam.client(session);
        String userName = Iam.name("resident");
        member.createUser(r -> r.userName(userName));
        AccessKey key = member.createAccessKey(r -> r.userName(userName)).accessKey();
        member.attachUserPolicy(r -> r.userName(userName).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        IamClient resident = Iam.client(key.accessKeyId(), key.secretAccessKey());
        assertThat(resident.listUsers().users()).isNotEmpty();

        orgs.closeAccount(r -> r.accountId(account));
        assertThat(orgs.describeAccount(r -> r.accountId(account)).account().statusAsString()).isEqualTo("SUSPENDED");
        assertThat(catchThrowableOfType(IamException.class, () -> member.listUsers()).statusCode()).isEqualTo(403);
        assertThat(catchThrowableOfType(IamException.class, () -> resident.listUsers()).statusCode()).isEqualTo(403);
        assertThat(catchThrowableOfType(Exception.class, () -> Orgs.assumeAccessRole(account))).isNotNull();
        assertThat(catchThrowableOfType(
                software.amazon.awssdk.services.organizations.model.AccountAlreadyClosedException.class,
                () -> orgs.closeAccount(r -> r.accountId(account)))).isNotNull();
    }
}
