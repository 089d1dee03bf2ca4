package io.gatehouse.server.sts;

import static io.gatehouse.server.sts.StsFederationTokenTest.session;
import static io.gatehouse.server.sts.StsFederationTokenTest.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * GetCallerIdentity on every kind of principal, the DurationSeconds boundaries of AssumeRole and
 * GetSessionToken, GetAccessKeyInfo, and what each kind of temporary credential may not do.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class StsPrincipalsAndLimitsTest {
    private static final String ASSUME_AND_LIST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:AssumeRole\",\"sts:GetFederationToken\",\"sts:GetAccessKeyInfo\",\"iam:ListUsers\"],"
            + "\"Resource\":\"*\"}]}";

    private final IamClient admin = Iam.admin();

    private static StsClient adminSts() {
        return sts(AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET));
    }

    private Role role(String trustedArn, int maxSessionDuration) {
        String name = Iam.name("lim-role");
        Role role = admin.createRole(r -> r.roleName(name).maxSessionDuration(maxSessionDuration)
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"" + trustedArn + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role();
        admin.putRolePolicy(r -> r.roleName(name).policyName("p").policyDocument(ASSUME_AND_LIST));
        return role;
    }

    private Iam.Principal user() {
        Iam.Principal user = Iam.newUser(admin, "lim-user");
        admin.putUserPolicy(r -> r.userName(user.user().userName()).policyName("p").policyDocument(ASSUME_AND_LIST));
        return user;
    }

    private static StsException refused(Runnable call, String code) {
        StsException e = catchThrowableOfType(StsException.class, call::run);
        assertThat(e).as("the call should be refused").isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isLessThan(500);
        return e;
    }

    @Test
    void getCallerIdentityOnEveryPrincipalType() {
        Iam.Principal user = user();
        String account = user.user().arn().split(":")[4];
        GetCallerIdentityResponse asUser = sts(user).getCallerIdentity();
        assertThat(asUser.userId()).isEqualTo(user.user().userId());
        assertThat(asUser.arn()).isEqualTo(user.user().arn());
        assertThat(asUser.account()).isEqualTo(account);

        Role first = role(user.user().arn(), 3600);
        Credentials role = sts(user).assumeRole(r -> r.roleArn(first.arn()).roleSessionName("one")).credentials();
        GetCallerIdentityResponse asRole = sts(session(role)).getCallerIdentity();
        assertThat(asRole.userId()).isEqualTo(first.roleId() + ":one");
        assertThat(asRole.arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + first.roleName() + "/one");

        Role second = role(first.arn(), 3600);
        Credentials chained = sts(session(role)).assumeRole(r -> r.roleArn(second.arn()).roleSessionName("two"))
                .credentials();
        GetCallerIdentityResponse asChained = sts(session(chained)).getCallerIdentity();
        assertThat(asChained.userId()).isEqualTo(second.roleId() + ":two");
        assertThat(asChained.arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + second.roleName() + "/two");

        Credentials plain = sts(user).getSessionToken().credentials();
        GetCallerIdentityResponse asSession = sts(session(plain)).getCallerIdentity();
        assertThat(asSession.userId()).isEqualTo(user.user().userId());
        assertThat(asSession.arn()).isEqualTo(user.user().arn());

        Credentials federated = sts(user).getFederationToken(r -> r.name("carol")).credentials();
        GetCallerIdentityResponse asFederated = sts(session(federated)).getCallerIdentity();
        assertThat(asFederated.userId()).isEqualTo(account + ":carol");
        assertThat(asFederated.arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/carol");
        assertThat(asFederated.account()).isEqualTo(account);
    }

    @Test
    void assumeRoleDurationBoundaries() {
        Iam.Principal user = user();
        Role longRole = role(user.user().arn(), 43_200);
        StsClient sts = sts(user);
        Instant before = Instant.now();
        Instant byDefault = sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("default"))
                .credentials().expiration();
        assertThat(byDefault).isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
        assertThat(refused(() -> sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("short")
                .durationSeconds(899)), "ValidationError").awsErrorDetails().errorMessage())
                .contains("greater than or equal to 900");
        assertThat(sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("min").durationSeconds(900))
                .credentials().expiration()).isBefore(before.plus(Duration.ofMinutes(16)));
        assertThat(sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("max").durationSeconds(43_200))
                .credentials().expiration()).isAfter(before.plus(Duration.ofHours(12)).minusSeconds(5));
        assertThat(refused(() -> sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("long")
                .durationSeconds(43_201)), "ValidationError").awsErrorDetails().errorMessage())
                .contains("less than or equal to 43200");

        Credentials first = sts.assumeRole(r -> r.roleArn(longRole.arn()).roleSessionName("chain")).credentials();
        Role next = role(longRole.arn(), 43_200);
        assertThat(refused(() -> sts(session(first)).assumeRole(r -> r.roleArn(next.arn()).roleSessionName("c2")
                .durationSeconds(3601)), "ValidationError").awsErrorDetails().errorMessage())
                .contains("role chaining");
        assertThat(sts(session(first)).assumeRole(r -> r.roleArn(next.arn()).roleSessionName("c2")).credentials()
                .expiration()).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void getSessionTokenDurationBoundaries() {
        Iam.Principal user = user();
        Instant before = Instant.now();
        assertThat(refused(() -> sts(user).getSessionToken(r -> r.durationSeconds(899)), "ValidationError")
                .awsErrorDetails().errorMessage()).contains("greater than or equal to 900");
        assertThat(sts(user).getSessionToken(r -> r.durationSeconds(900)).credentials().expiration())
                .isBefore(before.plus(Duration.ofMinutes(16)));
        assertThat(sts(user).getSessionToken(r -> r.durationSeconds(129_600)).credentials().expiration())
                .isAfter(before.plus(Duration.ofHours(36)).minusSeconds(5));
        assertThat(refused(() -> sts(user).getSessionToken(r -> r.durationSeconds(129_601)), "ValidationError")
                .awsErrorDetails().errorMessage()).contains("less than or equal to 129600");
    }

    @Test
    void roleSessionsMayNotGetSessionOrFederationTokens() {
        Iam.Principal user = user();
        Role role = role(user.user().arn(), 3600);
        Credentials c = sts(user).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("rs")).credentials();
        StsClient asRole = sts(session(c));
        assertThat(refused(asRole::getSessionToken, "AccessDenied").awsErrorDetails().errorMessage())
                .isEqualTo("Cannot call GetSessionToken with session credentials");
        assertThat(refused(() -> asRole.getFederationToken(r -> r.name("f1")), "AccessDenied").awsErrorDetails()
                .errorMessage()).isEqualTo("Cannot call GetFederationToken with session credentials");
        assertThat(asRole.getAccessKeyInfo(r -> r.accessKeyId(c.accessKeyId())).account())
                .isEqualTo(role.arn().split(":")[4]);
    }

    @Test
    void sessionTokenCredentialsWithoutMfaMayAssumeRolesButNotCallIamOrOtherStsActions() {
        Iam.Principal user = user();
        Role role = role(user.user().arn(), 3600);
        Credentials c = sts(user).getSessionToken().credentials();
        StsClient asSession = sts(session(c));
        assertThat(asSession.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("via-gst")).assumedRoleUser().arn())
                .endsWith("/via-gst");
        for (Runnable call : List.<Runnable>of(asSession::getSessionToken,
                () -> asSession.getFederationToken(r -> r.name("f2")),
                () -> asSession.getAccessKeyInfo(r -> r.accessKeyId(c.accessKeyId())))) {
            assertThat(refused(call, "AccessDenied").awsErrorDetails().errorMessage()).startsWith("Cannot call ");
        }
        IamException iam = catchThrowableOfType(IamException.class, () -> Iam.client(session(c)).listUsers());
        assertThat(iam.statusCode()).isEqualTo(403);
        assertThat(iam.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        assertThat(user.client().listUsers().users()).as("the user's own key still may").isNotEmpty();
    }

    @Test
    void getAccessKeyInfoNamesTheAccountOfLongTermAndTemporaryKeys() {
        Iam.Principal user = user();
        String account = user.user().arn().split(":")[4];
        StsClient sts = adminSts();
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(user.key().accessKeyId())).account()).isEqualTo(account);
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(IamApiProfile.ADMIN_KEY_ID)).account()).isEqualTo(account);
        String temporary = sts(user).getSessionToken().credentials().accessKeyId();
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(temporary)).account()).isEqualTo(account);
        // A key id Gatehouse never issued: the account it carries, as AWS answers.
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId("ASIAY34FZKBOKMUTVV7A")).account()).isEqualTo("609629065308");

        refused(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIA12345678901")), "ValidationError");
        refused(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIA-2345678901234567")), "ValidationError");
        refused(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIA111111111111")), "ValidationError");
        refused(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("A".repeat(129))), "ValidationError");

        Iam.Principal without = Iam.newUser(admin, "lim-none");
        assertThat(refused(() -> sts(without).getAccessKeyInfo(r -> r.accessKeyId(temporary)), "AccessDenied")
                .awsErrorDetails().errorMessage()).contains("sts:GetAccessKeyInfo");
    }
}
