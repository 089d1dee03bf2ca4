package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.UserDetail;

/** Account-level reads, the account alias and the credential report through the AWS SDK. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamAccountCompatibilityTest {
    private final IamClient iam = Iam.admin();

    @Test
    void authorizationDetailsShowTheAdministratorAndItsPolicy() {
        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails(r -> r.maxItems(1000));
        UserDetail admin = details.userDetailList().stream().filter(u -> u.userName().equals("admin")).findFirst()
                .orElseThrow();
        assertThat(admin.attachedManagedPolicies()).extracting(AttachedPolicy::policyArn)
                .contains("arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(admin.arn()).endsWith(":user/admin");
        ManagedPolicyDetail policy = details.policies().stream()
                .filter(p -> p.arn().equals("arn:aws:iam::aws:policy/AdministratorAccess")).findFirst().orElseThrow();
        assertThat(policy.attachmentCount()).isGreaterThanOrEqualTo(1);
        assertThat(policy.policyVersionList()).hasSize(1);
        String document = URLDecoder.decode(policy.policyVersionList().get(0).document(), StandardCharsets.UTF_8);
        assertThat(document).contains("\"Effect\"").contains("\"Allow\"");
        assertThat(policy.policyVersionList().get(0).isDefaultVersion()).isTrue();
    }

    @Test
    void authorizationDetailsFilterAndPage() {
        GetAccountAuthorizationDetailsResponse users = iam.getAccountAuthorizationDetails(r -> r.filter(EntityType.USER));
        assertThat(users.userDetailList()).isNotEmpty();
        assertThat(users.groupDetailList()).isEmpty();
        assertThat(users.roleDetailList()).isEmpty();
        assertThat(users.policies()).isEmpty();

        GetAccountAuthorizationDetailsResponse first = iam.getAccountAuthorizationDetails(r -> r.maxItems(1));
        assertThat(first.isTruncated()).isTrue();
        List<String> users2 = iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(1)).stream()
                .flatMap(p -> p.userDetailList().stream()).map(UserDetail::userName).collect(Collectors.toList());
        assertThat(users2).contains("admin").doesNotHaveDuplicates();

        IamException bad = catchThrowableOfType(IamException.class,
                () -> iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Everything")));
        assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }

    @Test
    void summaryCountsAndQuotas() {
        Map<SummaryKeyType, Integer> before = iam.getAccountSummary().summaryMap();
        assertThat(before.get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA)).isEqualTo(2);
        assertThat(before.get(SummaryKeyType.ATTACHED_POLICIES_PER_USER_QUOTA)).isEqualTo(10);
        assertThat(before.get(SummaryKeyType.USERS)).isGreaterThanOrEqualTo(1);
        assertThat(before).containsKeys(SummaryKeyType.GROUPS, SummaryKeyType.ROLES, SummaryKeyType.POLICIES,
                SummaryKeyType.MFA_DEVICES, SummaryKeyType.MFA_DEVICES_IN_USE, SummaryKeyType.ACCOUNT_MFA_ENABLED,
                SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, SummaryKeyType.ACCOUNT_SIGNING_CERTIFICATES_PRESENT,
                SummaryKeyType.USERS_QUOTA, SummaryKeyType.GROUPS_QUOTA, SummaryKeyType.ROLES_QUOTA,
                SummaryKeyType.POLICIES_QUOTA, SummaryKeyType.PROVIDERS);
        assertThat(before).doesNotContainKey(SummaryKeyType.UNKNOWN_TO_SDK_VERSION);
    }

    @Test
    void anAccountHasOneAliasUniqueAcrossAccounts() {
        String alias = "gh-" + UUID.randomUUID().toString().substring(0, 8);
        String other = alias + "-b";
        iam.createAccountAlias(r -> r.accountAlias(alias));
        try {
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly(alias);
            EntityAlreadyExistsException taken = catchThrowableOfType(EntityAlreadyExistsException.class,
                    () -> iam.createAccountAlias(r -> r.accountAlias(alias)));
            assertThat(taken.statusCode()).isEqualTo(409);
            iam.createAccountAlias(r -> r.accountAlias(other));
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly(other);
            NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                    () -> iam.deleteAccountAlias(r -> r.accountAlias(alias)));
            assertThat(gone.statusCode()).isEqualTo(404);
        } finally {
            iam.listAccountAliases().accountAliases().forEach(a -> iam.deleteAccountAlias(r -> r.accountAlias(a)));
        }
        assertThat(iam.listAccountAliases().accountAliases()).isEmpty();

        for (String bad : List.of("ab", "Upper-case", "double--dash", "-leading", "trailing-", "under_score")) {
            IamException e = catchThrowableOfType(IamException.class, () -> iam.createAccountAlias(r -> r.accountAlias(bad)));
            assertThat(e.awsErrorDetails().errorCode()).as(bad).isEqualTo("ValidationError");
            assertThat(e.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theCredentialReportListsEveryUser() {
        Iam.Principal frank = Iam.newUser(iam, "frank");
        try {
            GenerateCredentialReportResponse generated = iam.generateCredentialReport();
            assertThat(generated.state()).isEqualTo(ReportStateType.COMPLETE);
            assertThat(generated.description()).isNotBlank();
            GetCredentialReportResponse report = iam.getCredentialReport();
            assertThat(report.reportFormat()).isEqualTo(ReportFormatType.TEXT_CSV);
            assertThat(report.generatedTime()).isNotNull();
            List<String> lines = report.content().asUtf8String().lines().collect(Collectors.toList());
            List<String> header = Arrays.asList(lines.get(0).split(","));
            assertThat(header).startsWith("user", "arn", "user_creation_time", "password_enabled")
                    .contains("access_key_2_last_used_service").endsWith("cert_2_last_rotated").hasSize(22);
            Map<String, List<String>> rows = lines.stream().skip(1).map(l -> Arrays.asList(l.split(",", -1)))
                    .collect(Collectors.toMap(r -> r.get(0), r -> r));
            assertThat(rows).containsKeys("<root_account>", "admin", frank.user().userName());
            rows.values().forEach(row -> assertThat(row).hasSize(22));
            List<String> admin = rows.get("admin");
            assertThat(admin.get(header.indexOf("password_enabled"))).isEqualTo("true");
            assertThat(admin.get(header.indexOf("access_key_1_active"))).isEqualTo("true");
            List<String> f = rows.get(frank.user().userName());
            assertThat(f.get(header.indexOf("password_enabled"))).isEqualTo("false");
            assertThat(f.get(header.indexOf("access_key_1_active"))).isEqualTo("true");
            assertThat(f.get(header.indexOf("access_key_2_active"))).isEqualTo("false");
            assertThat(f.get(header.indexOf("access_key_2_last_rotated"))).isEqualTo("N/A");
        } finally {
            iam.deleteAccessKey(r -> r.userName(frank.user().userName()).accessKeyId(frank.key().accessKeyId()));
            iam.deleteUser(r -> r.userName(frank.user().userName()));
        }
    }

    @Test
    void accountReadsNeedPermission() {
        Iam.Principal gina = Iam.newUser(iam, "gina");
        try {
            for (Runnable call : List.<Runnable>of(() -> gina.client().getAccountSummary(),
                    () -> gina.client().getAccountAuthorizationDetails(), () -> gina.client().listAccountAliases(),
                    () -> gina.client().getCredentialReport(), () -> gina.client().generateCredentialReport())) {
                IamException denied = catchThrowableOfType(IamException.class, call::run);
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(denied.statusCode()).isEqualTo(403);
            }
        } finally {
            iam.deleteAccessKey(r -> r.userName(gina.user().userName()).accessKeyId(gina.key().accessKeyId()));
            iam.deleteUser(r -> r.userName(gina.user().userName()));
        }
    }
}
