package io.gatehouse.server.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.identity.internal.crypto.Totp;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Sessions in time, with the server's clock moved by the test (never slept): expiry at STS and IAM,
 * revocation with AWS's AWSRevokeOlderSessions policy, and MFA on GetSessionToken.
 */
@QuarkusTest
@TestProfile(StsClockProfile.class)
class StsSessionLifecycleTest {
    private static final String LIST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:ListUsers\",\"iam:ListRoles\",\"sts:GetFederationToken\"],\"Resource\":\"*\"}]}";

    @Inject
    MutableClock clock;
    @Inject
    AgroalDataSource dataSource;

    private final Totp totp = new Totp();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private IamClient admin() {
        return ClockedClients.iam(AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET), clock);
    }

    private StsClient sts(AwsCredentials credentials) {
        return ClockedClients.sts(credentials, clock);
    }

    private static AwsCredentials keyOf(AccessKey key) {
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** A user allowed to list, with a key. */
    private AccessKey user(IamClient admin, String name) {
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("list").policyDocument(LIST));
        return admin.createAccessKey(r -> r.userName(name)).accessKey();
    }

    /** A role trusting the user, allowed to list. */
    private Role role(IamClient admin, String userArn) {
        String name = Iam.name("life-role");
        Role role = admin.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role();
        admin.putRolePolicy(r -> r.roleName(name).policyName("list").policyDocument(LIST));
        return role;
    }

    /** A virtual MFA device, enabled for the user with two consecutive codes. */
    private VirtualMFADevice enabledDevice(IamClient admin, String userName) {
        VirtualMFADevice device = admin.createVirtualMFADevice(r -> r.virtualMFADeviceName(Iam.name("phone")))
                .virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();
        long step = Totp.counterAt(clock.instant());
        admin.enableMFADevice(r -> r.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(totp.code(seed, step - 1)).authenticationCode2(totp.code(seed, step)));
        return device;
    }

    private static <T extends AwsServiceException> T refused(Class<T> type, Runnable call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("the call should be refused").isNotNull();
        return e;
    }

    private static void expired(AwsServiceException e) {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
    }

    @Test
    void aRoleSessionWorksUntilItsExpirationAndThenGetsExpiredToken() {
        IamClient admin = admin();
        String userName = Iam.name("life-user");
        AccessKey key = user(admin, userName);
        Role role = role(admin, admin.getUser(r -> r.userName(userName)).user().arn());
        Credentials c = sts(keyOf(key)).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1").durationSeconds(900))
                .credentials();
        Instant issued = clock.instant();

        clock.advance(Duration.between(issued, c.expiration()).minusSeconds(5));
        assertThat(sts(session(c)).getCallerIdentity().arn()).endsWith(":assumed-role/" + role.roleName() + "/s1");
        assertThat(ClockedClients.iam(session(c), clock).listUsers().users()).isNotEmpty();

        clock.advance(Duration.ofSeconds(6));
        expired(refused(AwsServiceException.class, () -> sts(session(c)).getCallerIdentity()));
        expired(refused(AwsServiceException.class, () -> ClockedClients.iam(session(c), clock).listUsers()));
    }

    @Test
    void sessionTokenAndFederationTokenSessionsExpireToo() {
        IamClient admin = admin();
        AccessKey key = user(admin, Iam.name("life-user"));
        Credentials plain = sts(keyOf(key)).getSessionToken(r -> r.durationSeconds(900)).credentials();
        Credentials federated = sts(keyOf(key)).getFederationToken(r -> r.name("fed").durationSeconds(900)
                .policy(LIST)).credentials();

        clock.advance(Duration.ofSeconds(895));
        assertThat(sts(session(plain)).getCallerIdentity().arn()).contains(":user/");
        assertThat(sts(session(federated)).getCallerIdentity().arn()).endsWith(":federated-user/fed");

        clock.advance(Duration.ofSeconds(10));
        expired(refused(AwsServiceException.class, () -> sts(session(plain)).getCallerIdentity()));
        expired(refused(AwsServiceException.class, () -> sts(session(federated)).getCallerIdentity()));
    }

    @Test
    void revokingActiveSessionsDeniesOlderSessionsAtOnceAndNotNewerOnes() {
        IamClient admin = admin();
        String userName = Iam.name("life-user");
        AccessKey key = user(admin, userName);
        Role role = role(admin, admin.getUser(r -> r.userName(userName)).user().arn());
        Credentials old = sts(keyOf(key)).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("old")).credentials();
        IamClient asOld = ClockedClients.iam(session(old), clock);
        assertThat(asOld.listRoles().roles()).isNotEmpty(); // the role's policies are now cached

        clock.advance(Duration.ofMinutes(10));
        // What the console's "Revoke active sessions" writes: a deny for tokens issued before now.
        String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        admin.putRolePolicy(r -> r.roleName(role.roleName()).policyName("AWSRevokeOlderSessions").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                        + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}}]}"));

        AwsServiceException denied = refused(AwsServiceException.class, asOld::listRoles);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("explicit deny");
        // GetCallerIdentity is never denied, as in AWS.
        assertThat(sts(session(old)).getCallerIdentity().arn()).endsWith("/old");

        clock.advance(Duration.ofSeconds(1));
        Credentials fresh = sts(keyOf(key)).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("new")).credentials();
        assertThat(ClockedClients.iam(session(fresh), clock).listRoles().roles()).isNotEmpty();
        assertThat(refused(AwsServiceException.class, asOld::listUsers).awsErrorDetails().errorCode())
                .isEqualTo("AccessDenied");
    }

    @Test
    void aRevocationWrittenByAnotherReplicaTakesEffectHereOnTheNextRequest() throws Exception {
        IamClient admin = admin();
        String userName = Iam.name("life-user");
        AccessKey key = user(admin, userName);
        Role role = role(admin, admin.getUser(r -> r.userName(userName)).user().arn());
        Credentials old = sts(keyOf(key)).assumeRole(r -> r.roleArn(role.arn()).roleSessionName("old")).credentials();
        IamClient asOld = ClockedClients.iam(session(old), clock);
        assertThat(asOld.listRoles().roles()).isNotEmpty(); // this replica now caches the role's policies

        clock.advance(Duration.ofMinutes(1));
        String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        // Exactly what another replica's PutRolePolicy commits: the policy row and a new policy epoch.
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO iam_inline_policy (principal_id, name, "
                    + "name_lower, principal_type, document) VALUES (?, 'AWSRevokeOlderSessions', "
                    + "'awsrevokeoldersessions', 'ROLE', ?)");
                    PreparedStatement bump = db.prepareStatement(
                            "UPDATE iam_account SET policy_epoch = policy_epoch + 1 WHERE id = ?")) {
                insert.setString(1, role.roleId());
                insert.setString(2, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}}]}");
                insert.executeUpdate();
                bump.setString(1, role.arn().split(":")[4]);
                assertThat(bump.executeUpdate()).isEqualTo(1);
            }
            db.commit();
        }

        // The request was first decided on this replica's cached state, which the database no longer
        // holds: it is decided again, and only the second decision is recorded.
        AwsServiceException denied = refused(AwsServiceException.class, asOld::listRoles);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(recordsOf(denied.requestId())).containsExactly("AccessDenied");
    }

    /**
     * A request that spends an MFA code cannot be made a second time (the code is used), so when the
     * state it found cached has moved, it finds out before the code is spent, not after.
     */
    @Test
    void anMfaCodeIsSpentOnceThoughAnotherReplicaMovedTheCachedStateUnderTheRequest() throws Exception {
        IamClient admin = admin();
        String userName = Iam.name("mfa-moved");
        AccessKey key = user(admin, userName);
        VirtualMFADevice device = enabledDevice(admin, userName);
        String seed = device.base32StringSeed().asUtf8String();
        sts(keyOf(key)).getCallerIdentity(); // this replica caches the key, its caller and the account's state

        bumpPolicyEpoch(admin.getUser(r -> r.userName(userName)).user().arn().split(":")[4]);
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        String code = totp.code(seed, Totp.counterAt(clock.instant()));
        var issued = sts(keyOf(key)).getSessionToken(r -> r.serialNumber(device.serialNumber()).tokenCode(code));

        assertThat(ClockedClients.iam(session(issued.credentials()), clock).listUsers().users()).isNotEmpty();
        assertThat(recordsOf(issued.responseMetadata().requestId())).containsExactly("none");
    }

    /** What another replica's commit of a policy change does to this account's caches. */
    private void bumpPolicyEpoch(String accountId) throws Exception {
        try (Connection db = dataSource.getConnection();
                PreparedStatement bump = db.prepareStatement(
                        "UPDATE iam_account SET policy_epoch = policy_epoch + 1 WHERE id = ?")) {
            bump.setString(1, accountId);
            assertThat(bump.executeUpdate()).isEqualTo(1);
        }
    }

    /** The error codes ("none" for a success) of the audit records of one request. */
    private java.util.List<String> recordsOf(String requestId) throws Exception {
        assertThat(requestId).isNotBlank();
        java.util.List<String> codes = new java.util.ArrayList<>();
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement(
                        "SELECT error_code FROM aud_outbox WHERE payload LIKE ? ORDER BY id")) {
            select.setString(1, "%\"requestID\":\"" + requestId + "\"%");
            try (java.sql.ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1) == null ? "none" : rows.getString(1));
                }
            }
        }
        return codes;
    }

    @Test
    void assumeRoleSeesARolesChangesAtOnceThoughRolesAreCached() {
        IamClient admin = admin();
        String userName = Iam.name("life-user");
        AccessKey key = user(admin, userName);
        String userArn = admin.getUser(r -> r.userName(userName)).user().arn();
        Role role = role(admin, userArn);
        StsClient asUser = sts(keyOf(key));
        assertThat(asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("first")).assumedRoleUser().arn())
                .endsWith("/first"); // the role is cached now
        RoleLastUsed used = admin.getRole(r -> r.roleName(role.roleName())).role().roleLastUsed();
        assertThat(used.region()).isEqualTo("us-east-1");
        assertThat(used.lastUsedDate()).isCloseTo(clock.instant(), within(1, ChronoUnit.SECONDS));

        AwsServiceException tooLong = refused(AwsServiceException.class,
                () -> asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("long").durationSeconds(7200)));
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        admin.updateRole(r -> r.roleName(role.roleName()).maxSessionDuration(7200));
        Credentials longer = asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("long").durationSeconds(7200))
                .credentials();
        assertThat(Duration.between(clock.instant(), longer.expiration())).isGreaterThan(Duration.ofMinutes(119));

        admin.updateAssumeRolePolicy(r -> r.roleName(role.roleName()).policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + "111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        AwsServiceException untrusted = refused(AwsServiceException.class,
                () -> asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("second")));
        assertThat(untrusted.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(untrusted.awsErrorDetails().errorMessage()).contains("sts:AssumeRole on resource: " + role.arn());

        admin.updateAssumeRolePolicy(r -> r.roleName(role.roleName()).policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        assertThat(asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("third")).assumedRoleUser().arn())
                .endsWith("/third");
        admin.deleteRolePolicy(r -> r.roleName(role.roleName()).policyName("list"));
        admin.deleteRole(r -> r.roleName(role.roleName()));
        assertThat(refused(AwsServiceException.class,
                () -> asUser.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("gone"))).awsErrorDetails()
                .errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void aSessionTokenWithMfaMayCallIamAndOneWithoutMayNot() {
        IamClient admin = admin();
        String userName = Iam.name("mfa-user");
        AccessKey key = user(admin, userName);
        VirtualMFADevice device = enabledDevice(admin, userName);
        String seed = device.base32StringSeed().asUtf8String();

        Credentials without = sts(keyOf(key)).getSessionToken().credentials();
        AwsServiceException refused = refused(AwsServiceException.class,
                () -> ClockedClients.iam(session(without), clock).listUsers());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");

        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        String code = totp.code(seed, Totp.counterAt(clock.instant()));
        Credentials with = sts(keyOf(key)).getSessionToken(r -> r.serialNumber(device.serialNumber()).tokenCode(code))
                .credentials();
        assertThat(ClockedClients.iam(session(with), clock).listUsers().users()).isNotEmpty();
    }

    /**
     * The session key ring rotates in the background: once the newest key is nearly a day old, a
     * new one is made (without any request waiting for it), and sessions sealed under the old key
     * stay valid for as long as they last.
     */
    @Test
    void theKeyRingRotatesInTheBackgroundAndOldSessionsStayValid() throws Exception {
        IamClient admin = admin();
        AccessKey key = user(admin, Iam.name("rotation"));
        Credentials longSession = sts(keyOf(key)).getSessionToken(r -> r.durationSeconds(129_600)).credentials();
        long keysBefore = sessionKeys();
        clock.advance(Duration.ofHours(24)); // past the key's rotation (24 h, new key 10 min ahead)
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (sessionKeys() == keysBefore && System.nanoTime() < deadline) {
            Thread.sleep(250); // the ring's background refresh runs every 15 s
        }
        assertThat(sessionKeys()).as("a new session key, made in the background").isEqualTo(keysBefore + 1);
        assertThat(sts(session(longSession)).getCallerIdentity().arn()).endsWith(":user/" + user(key));
        Credentials fresh = sts(keyOf(key)).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertThat(sts(session(fresh)).getCallerIdentity().arn()).endsWith(":user/" + user(key));
    }

    private static String user(AccessKey key) {
        return key.userName();
    }

    private long sessionKeys() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM iam_session_key");
                java.sql.ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
