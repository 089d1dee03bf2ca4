package io.gatehouse.server.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The STS API (GetCallerIdentity, AssumeRole, GetSessionToken) through the unmodified AWS SDK for Java v2. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class StsCompatibilityTest {
    private static final String LIST_USERS_AND_ROLES = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:ListRoles\"],\"Resource\":\"*\"}]}";
    private static final String ONLY_LIST_USERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";

    private final IamClient admin = Iam.admin();

    private static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StsClient sts(Iam.Principal user) {
        return sts(AwsBasicCredentials.create(user.key().accessKeyId(), user.key().secretAccessKey()));
    }

    private static StsClient sts(Credentials c) {
        return sts(session(c));
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static StsClient adminSts() {
        return sts(AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET));
    }

    private static String trust(String principalArn, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principalArn + "\"},\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":"
                + condition) + "}]}";
    }

    /** A role trusting {@code principalArn}, whose own policy allows ListUsers and ListRoles. */
    private Role role(String principalArn, String condition, int maxSessionDuration) {
        String name = Iam.name("sts-role");
        Role role = admin.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust(principalArn, condition))
                .maxSessionDuration(maxSessionDuration)).role();
        admin.putRolePolicy(r -> r.roleName(name).policyName("list").policyDocument(LIST_USERS_AND_ROLES));
        return role;
    }

    private static StsException refused(Runnable call) {
        StsException e = catchThrowableOfType(StsException.class, call::run);
        assertThat(e).as("the call should be refused").isNotNull();
        assertThat(e.statusCode()).isLessThan(500);
        return e;
    }

    private static AssumeRoleResponse assume(StsClient sts, Role role, Consumer<AssumeRoleRequest.Builder> more) {
        return sts.assumeRole(r -> {
            r.roleArn(role.arn()).roleSessionName("session-1");
            more.accept(r);
        });
    }

    @Test
    void getCallerIdentityOfAUser() {
        GetCallerIdentityResponse me = adminSts().getCallerIdentity();
        assertThat(me.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(me.account()).matches("\\d{12}");
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + me.account() + ":user/admin");
    }

    @Test
    void aUserNamedByTheTrustPolicyAssumesTheRole() {
        Iam.Principal user = Iam.newUser(admin, "sts-user");
        Role role = role(user.user().arn(), null, 3600);
        Instant before = Instant.now();
        AssumeRoleResponse assumed = assume(sts(user), role, r -> r.roleSessionName("alice@example.com"));

        Credentials c = assumed.credentials();
        assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(c.secretAccessKey()).hasSize(40);
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(c.expiration()).isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
        String account = role.arn().split(":")[4];
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + role.roleName() + "/alice@example.com";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":alice@example.com");
        assertThat(assumed.packedPolicySize()).isNull();

        GetCallerIdentityResponse me = sts(c).getCallerIdentity();
        assertThat(me.arn()).isEqualTo(sessionArn);
        assertThat(me.userId()).isEqualTo(role.roleId() + ":alice@example.com");
        assertThat(me.account()).isEqualTo(account);

        IamClient asRole = Iam.client(session(c));
        assertThat(asRole.listUsers().users()).isNotEmpty();
        IamException denied = catchThrowableOfType(IamException.class, () -> asRole.getUser(r -> r.userName("admin")));
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @Test
    void theTrustPolicyMustAllowEvenAnAdministrator() {
        Iam.Principal named = Iam.newUser(admin, "sts-named");
        Iam.Principal other = Iam.newUser(admin, "sts-other");
        Role role = role(named.user().arn(), null, 3600);

        StsException notNamed = refused(() -> assume(sts(other), role, r -> {}));
        assertThat(notNamed.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(notNamed.statusCode()).isEqualTo(403);
        assertThat(notNamed.awsErrorDetails().errorMessage()).startsWith("User: " + other.user().arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + role.arn());

        // AdministratorAccess allows sts:AssumeRole on everything, but the trust policy names someone else.
        StsException admin = refused(() -> assume(adminSts(), role, r -> {}));
        assertThat(admin.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        String missing = role.arn() + "-missing";
        StsException noRole = refused(() -> adminSts().assumeRole(r -> r.roleArn(missing).roleSessionName("s1")));
        assertThat(noRole.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void aTrustPolicyNamingTheAccountDelegatesToIdentityPolicies() {
        String account = adminSts().getCallerIdentity().account();
        Role role = role("arn:aws:iam::" + account + ":root", null, 3600);
        Iam.Principal noPolicy = Iam.newUser(admin, "sts-nopolicy");

        StsException denied = refused(() -> assume(sts(noPolicy), role, r -> {}));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(assume(adminSts(), role, r -> {}).credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void durationSecondsIsBoundedByTheRole() {
        Iam.Principal user = Iam.newUser(admin, "sts-duration");
        Role role = role(user.user().arn(), null, 3600);
        StsClient sts = sts(user);

        StsException tooShort = refused(() -> assume(sts, role, r -> r.durationSeconds(899)));
        assertThat(tooShort.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(tooShort.statusCode()).isEqualTo(400);

        StsException tooLong = refused(() -> assume(sts, role, r -> r.durationSeconds(3601)));
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(tooLong.awsErrorDetails().errorMessage())
                .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

        Instant before = Instant.now();
        Credentials c = assume(sts, role, r -> r.durationSeconds(900)).credentials();
        assertThat(c.expiration()).isBefore(before.plus(Duration.ofMinutes(16)));
    }

    @Test
    void roleChainingIsLimitedToOneHour() {
        Iam.Principal user = Iam.newUser(admin, "sts-chain");
        Role first = role(user.user().arn(), null, 3600);
        Role second = role(first.arn(), null, 7200);
        Credentials firstSession = assume(sts(user), first, r -> {}).credentials();
        StsClient chained = sts(firstSession);

        StsException tooLong = refused(() -> assume(chained, second, r -> r.durationSeconds(3601)));
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        // Setting a SourceIdentity also needs sts:SetSourceIdentity, which this trust policy does not allow.
        StsException noSetSource = refused(() -> assume(chained, second, r -> r.sourceIdentity("alice")));
        assertThat(noSetSource.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(noSetSource.awsErrorDetails().errorMessage()).contains("sts:SetSourceIdentity");

        AssumeRoleResponse ok = assume(chained, second, r -> r.durationSeconds(3600));
        assertThat(sts(ok.credentials()).getCallerIdentity().arn()).endsWith(":assumed-role/" + second.roleName()
                + "/session-1");
    }

    @Test
    void theExternalIdConditionMustBeMet() {
        Iam.Principal user = Iam.newUser(admin, "sts-external");
        Role role = role(user.user().arn(), "{\"StringEquals\":{\"sts:ExternalId\":\"partner-42\"}}", 3600);
        StsClient sts = sts(user);

        assertThat(assume(sts, role, r -> r.externalId("partner-42")).credentials()).isNotNull();
        StsException wrong = refused(() -> assume(sts, role, r -> r.externalId("partner-43")));
        assertThat(wrong.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        StsException missing = refused(() -> assume(sts, role, r -> {}));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void aSessionPolicyNarrowsTheRolesPermissions() {
        Iam.Principal user = Iam.newUser(admin, "sts-narrow");
        Role role = role(user.user().arn(), null, 3600);
        AssumeRoleResponse assumed = assume(sts(user), role, r -> r.policy(ONLY_LIST_USERS));
        assertThat(assumed.packedPolicySize()).isBetween(1, 100);

        IamClient narrowed = Iam.client(session(assumed.credentials()));
        assertThat(narrowed.listUsers().users()).isNotEmpty();
        IamException denied = catchThrowableOfType(IamException.class, () -> narrowed.listRoles());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        IamClient whole = Iam.client(session(assume(sts(user), role, r -> {}).credentials()));
        assertThat(whole.listRoles().roles()).isNotEmpty();
    }

    @Test
    void aMalformedSessionPolicyIsRefused() {
        Iam.Principal user = Iam.newUser(admin, "sts-malformed");
        Role role = role(user.user().arn(), null, 3600);
        StsException malformed = refused(() -> assume(sts(user), role, r -> r.policy("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\"}]}")));
        assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(malformed.statusCode()).isEqualTo(400);
        StsException notJson = refused(() -> assume(sts(user), role, r -> r.policy("not json")));
        assertThat(notJson.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
    }

    @Test
    void badInputIsAValidationErrorNeverAServerError() {
        Iam.Principal user = Iam.newUser(admin, "sts-input");
        Role role = role(user.user().arn(), null, 3600);
        StsClient sts = sts(user);
        assertThat(refused(() -> assume(sts, role, r -> r.roleSessionName("a"))).awsErrorDetails().errorCode())
                .isEqualTo("ValidationError");
        assertThat(refused(() -> assume(sts, role, r -> r.roleSessionName("has space"))).awsErrorDetails()
                .errorCode()).isEqualTo("ValidationError");
        assertThat(refused(() -> sts.assumeRole(r -> r.roleArn("x").roleSessionName("s1"))).awsErrorDetails()
                .errorCode()).isEqualTo("ValidationError");
        assertThat(refused(() -> sts.assumeRole(r -> r.roleSessionName("s1"))).awsErrorDetails().errorCode())
                .isEqualTo("ValidationError");
        assertThat(refused(() -> assume(sts, role, r -> r.serialNumber("arn:aws:iam::123456789012:mfa/x")
                .tokenCode("123456"))).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void getSessionTokenForAUserButNotForASession() {
        Iam.Principal user = Iam.newUser(admin, "sts-gst");
        Instant before = Instant.now();
        Credentials c = sts(user).getSessionToken().credentials();
        assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(c.expiration()).isAfter(before.plus(Duration.ofHours(11)));
        GetCallerIdentityResponse me = sts(c).getCallerIdentity();
        assertThat(me.arn()).isEqualTo(user.user().arn());
        assertThat(me.userId()).isEqualTo(user.user().userId());

        Credentials shortOne = sts(user).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertThat(shortOne.expiration()).isBefore(before.plus(Duration.ofMinutes(16)));
        assertThat(refused(() -> sts(user).getSessionToken(r -> r.durationSeconds(129_601))).awsErrorDetails()
                .errorCode()).isEqualTo("ValidationError");

        StsException fromSession = refused(() -> sts(c).getSessionToken());
        assertThat(fromSession.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(fromSession.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot call GetSessionToken with session credentials");

        Role role = role(user.user().arn(), null, 3600);
        Credentials roleSession = assume(sts(user), role, r -> {}).credentials();
        assertThat(refused(() -> sts(roleSession).getSessionToken()).awsErrorDetails().errorCode())
                .isEqualTo("AccessDenied");
    }
}
