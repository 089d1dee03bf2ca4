package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.identity.internal.crypto.Totp;
import io.gatehouse.identity.internal.iam.MfaVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Console passwords (login profiles, ChangePassword), the account password policy and virtual MFA
 * devices through the unmodified AWS SDK for Java v2. The password policy is account-wide and the
 * suite shares one account, so every test starts and ends without a custom policy.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamCredentialsCompatibilityTest {
    private final IamClient iam = Iam.admin();
    private final Totp totp = new Totp();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MfaVerifier verifier;

    @BeforeEach
    @AfterEach
    void noCustomPasswordPolicy() {
        try {
            iam.deleteAccountPasswordPolicy();
        } catch (NoSuchEntityException e) {
            // already the default
        }
    }

    private void policy(Consumer<UpdateAccountPasswordPolicyRequest.Builder> request) {
        iam.updateAccountPasswordPolicy(request);
    }

    private static IamException refused(Runnable call, String code, int status) {
        IamException e = catchThrowableOfType(IamException.class, call::run);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        return e;
    }

    private static void violates(Runnable call) {
        IamException e = refused(call, "PasswordPolicyViolation", 400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Password does not conform to the account password policy.");
    }

    @Test
    void loginProfileLifecycle() {
        String name = Iam.name("console");
        iam.createUser(r -> r.userName(name));
        LoginProfile created = iam.createLoginProfile(r -> r.userName(name).password("Initial-Passw0rd")
                .passwordResetRequired(true)).loginProfile();
        assertThat(created.userName()).isEqualTo(name);
        assertThat(created.passwordResetRequired()).isTrue();
        assertThat(created.createDate()).isNotNull();

        LoginProfile fetched = iam.getLoginProfile(r -> r.userName(name)).loginProfile();
        assertThat(fetched.createDate()).isEqualTo(created.createDate());
        assertThat(fetched.passwordResetRequired()).isTrue();

        EntityAlreadyExistsException twice = catchThrowableOfType(EntityAlreadyExistsException.class,
                () -> iam.createLoginProfile(r -> r.userName(name).password("Another-Passw0rd")));
        assertThat(twice.statusCode()).isEqualTo(409);

        iam.updateLoginProfile(r -> r.userName(name).password("Changed-Passw0rd").passwordResetRequired(false));
        assertThat(iam.getLoginProfile(r -> r.userName(name)).loginProfile().passwordResetRequired()).isFalse();

        DeleteConflictException conflict = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deleteUser(r -> r.userName(name)));
        assertThat(conflict.awsErrorDetails().errorMessage()).contains("login profile");

        iam.deleteLoginProfile(r -> r.userName(name));
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getLoginProfile(r -> r.userName(name)));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("Login Profile for User " + name + " cannot be found.");
        refused(() -> iam.deleteLoginProfile(r -> r.userName(name)), "NoSuchEntity", 404);
        refused(() -> iam.createLoginProfile(r -> r.userName(Iam.name("nobody")).password("Initial-Passw0rd")),
                "NoSuchEntity", 404);
        iam.deleteUser(r -> r.userName(name));
    }

    @Test
    void withoutACustomPolicyAwsDefaultPolicyApplies() {
        String name = Iam.name("default");
        iam.createUser(r -> r.userName(name));
        refused(iam::getAccountPasswordPolicy, "NoSuchEntity", 404);
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("Sh0rt!")));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("onlylowercaseletters")));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("lowercase1234")));
        iam.createLoginProfile(r -> r.userName(name).password("Three-types"));
        iam.deleteLoginProfile(r -> r.userName(name));
        iam.deleteUser(r -> r.userName(name));
    }

    @Test
    void customPolicyIsEnforcedAndReadBack() {
        String account = iam.getUser().user().arn().split(":")[4];
        policy(r -> r.minimumPasswordLength(12).requireSymbols(true).requireNumbers(true)
                .requireUppercaseCharacters(true).requireLowercaseCharacters(true).passwordReusePrevention(2)
                .maxPasswordAge(90));
        PasswordPolicy read = iam.getAccountPasswordPolicy().passwordPolicy();
        assertThat(read.minimumPasswordLength()).isEqualTo(12);
        assertThat(read.requireSymbols()).isTrue();
        assertThat(read.requireUppercaseCharacters()).isTrue();
        assertThat(read.allowUsersToChangePassword()).isFalse();
        assertThat(read.expirePasswords()).isTrue();
        assertThat(read.maxPasswordAge()).isEqualTo(90);
        assertThat(read.passwordReusePrevention()).isEqualTo(2);
        assertThat(read.hardExpiry()).isFalse();

        String name = Iam.name("policy");
        iam.createUser(r -> r.userName(name));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("Sh0rt-but-1")));      // 11 characters
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("NoSymbolsHere123")));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("No-Numbers-Here")));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("no-upper-case-1")));
        violates(() -> iam.createLoginProfile(r -> r.userName(name).password("NO-LOWER-CASE-1")));
        iam.createLoginProfile(r -> r.userName(name).password("First-Passw0rd"));
        iam.updateLoginProfile(r -> r.userName(name).password("Second-Passw0rd"));
        violates(() -> iam.updateLoginProfile(r -> r.userName(name).password("First-Passw0rd")));   // one of the last 2
        iam.updateLoginProfile(r -> r.userName(name).password("Third-Passw0rd"));
        iam.updateLoginProfile(r -> r.userName(name).password("First-Passw0rd"));                    // 3 changes ago

        // An update replaces the whole policy: members left out take their defaults.
        policy(r -> r.requireNumbers(true));
        PasswordPolicy replaced = iam.getAccountPasswordPolicy().passwordPolicy();
        assertThat(replaced.minimumPasswordLength()).isEqualTo(6);
        assertThat(replaced.requireSymbols()).isFalse();
        assertThat(replaced.expirePasswords()).isFalse();
        assertThat(replaced.maxPasswordAge()).isNull();
        assertThat(replaced.passwordReusePrevention()).isNull();

        refused(() -> policy(r -> r.minimumPasswordLength(5)), "ValidationError", 400);
        refused(() -> policy(r -> r.passwordReusePrevention(25)), "ValidationError", 400);
        refused(() -> policy(r -> r.maxPasswordAge(1096)), "ValidationError", 400);

        iam.deleteAccountPasswordPolicy();
        NoSuchEntityException none = catchThrowableOfType(NoSuchEntityException.class, iam::getAccountPasswordPolicy);
        assertThat(none.awsErrorDetails().errorMessage())
                .isEqualTo("The Password Policy with domain name " + account + " cannot be found.");
        refused(iam::deleteAccountPasswordPolicy, "NoSuchEntity", 404);
        iam.deleteLoginProfile(r -> r.userName(name));
        iam.deleteUser(r -> r.userName(name));
    }

    @Test
    void usersChangeTheirOwnPasswordOnlyWhenAllowedAndWithTheOldOne() {
        Iam.Principal dana = Iam.newUser(iam, "dana");
        String name = dana.user().userName();
        iam.createLoginProfile(r -> r.userName(name).password("Temporary-Passw0rd").passwordResetRequired(true));

        // Neither the account policy nor an identity policy lets dana change her password.
        IamException denied = refused(() -> dana.client().changePassword(r -> r.oldPassword("Temporary-Passw0rd")
                .newPassword("Dana-Own-Passw0rd")), "AccessDenied", 403);
        assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:ChangePassword");
        refused(() -> dana.client().getAccountPasswordPolicy(), "AccessDenied", 403);
        // Nor may she manage other users' passwords.
        refused(() -> dana.client().updateLoginProfile(r -> r.userName(name).password("Sneaky-Passw0rd")),
                "AccessDenied", 403);

        policy(r -> r.allowUsersToChangePassword(true).minimumPasswordLength(10).passwordReusePrevention(1));
        assertThat(dana.client().getAccountPasswordPolicy().passwordPolicy().allowUsersToChangePassword()).isTrue();
        IamException wrongOld = refused(() -> dana.client().changePassword(r -> r.oldPassword("Not-The-Passw0rd")
                .newPassword("Dana-Own-Passw0rd")), "AccessDenied", 403);
        assertThat(wrongOld.awsErrorDetails().errorMessage()).doesNotContain("Passw0rd");
        violates(() -> dana.client().changePassword(r -> r.oldPassword("Temporary-Passw0rd").newPassword("Sh0rt")));
        violates(() -> dana.client().changePassword(r -> r.oldPassword("Temporary-Passw0rd")
                .newPassword("Temporary-Passw0rd")));
        dana.client().changePassword(r -> r.oldPassword("Temporary-Passw0rd").newPassword("Dana-Own-Passw0rd"));
        assertThat(iam.getLoginProfile(r -> r.userName(name)).loginProfile().passwordResetRequired()).isFalse();
        refused(() -> dana.client().changePassword(r -> r.oldPassword("Temporary-Passw0rd")
                .newPassword("Dana-Next-Passw0rd")), "AccessDenied", 403);

        iam.deleteLoginProfile(r -> r.userName(name));
        refused(() -> dana.client().changePassword(r -> r.oldPassword("Dana-Own-Passw0rd")
                .newPassword("Dana-Next-Passw0rd")), "NoSuchEntity", 404);
        iam.deleteAccessKey(r -> r.userName(name).accessKeyId(dana.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(name));
    }

    @Test
    void passwordsAndSeedsNeverReachTheAuditRecord() throws SQLException {
        String marker = UUID.randomUUID().toString().replace("-", "");
        String first = "Audit-" + marker + "-A1";
        String second = "Audit-" + marker + "-B2";
        String rejected = "audit" + marker;
        String name = Iam.name("audited");
        iam.createUser(r -> r.userName(name));
        iam.createLoginProfile(r -> r.userName(name).password(first));
        iam.updateLoginProfile(r -> r.userName(name).password(second));
        violates(() -> iam.updateLoginProfile(r -> r.userName(name).password(rejected)));
        VirtualMFADevice device = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(Iam.name("audit")))
                .virtualMFADevice();
        String seed = device.base32StringSeed().asUtf8String();

        assertThat(auditRows("%" + name + "%")).as("the calls were audited").isGreaterThanOrEqualTo(3);
        assertThat(auditRows("%" + marker + "%")).as("no audit record contains a password").isZero();
        assertThat(auditRows("%" + seed + "%")).as("no audit record contains the MFA seed").isZero();

        iam.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber()));
        iam.deleteLoginProfile(r -> r.userName(name));
        iam.deleteUser(r -> r.userName(name));
    }

    private long auditRows(String like) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM aud_outbox WHERE payload LIKE ?")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void virtualMfaDeviceLifecycleNeverAcceptsACodeTwice() {
        String account = iam.getUser().user().arn().split(":")[4];
        String userName = Iam.name("mfa-user");
        iam.createUser(r -> r.userName(userName));
        String deviceName = Iam.name("phone");
        VirtualMFADevice created = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName).path("/test/")
                .tags(Tag.builder().key("owner").value(userName).build())).virtualMFADevice();
        String serial = created.serialNumber();
        assertThat(serial).isEqualTo("arn:aws:iam::" + account + ":mfa/test/" + deviceName);
        String seed = created.base32StringSeed().asUtf8String();
        assertThat(seed).matches("[A-Z2-7]{32}");
        byte[] png = created.qrCodePNG().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        refused(() -> iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName).path("/test/")),
                "EntityAlreadyExists", 409);
        iam.tagMFADevice(r -> r.serialNumber(serial).tags(Tag.builder().key("kind").value("phone").build()));
        iam.untagMFADevice(r -> r.serialNumber(serial).tagKeys("owner"));
        assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags()).extracting(Tag::key).containsExactly("kind");
        assertThat(iam.listVirtualMFADevicesPaginator(r -> r.assignmentStatus("Unassigned")).virtualMFADevices())
                .extracting(VirtualMFADevice::serialNumber).contains(serial);

        long step = Totp.counterAt(Instant.now());
        String previous = totp.code(seed, step - 1);
        String current = totp.code(seed, step);
        String wrong = String.format("%06d", (Integer.parseInt(current) + 1) % 1_000_000);
        IamException invalid = refused(() -> iam.enableMFADevice(r -> r.userName(userName).serialNumber(serial)
                .authenticationCode1(previous).authenticationCode2(wrong)), "InvalidAuthenticationCode", 403);
        assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo("Authentication code for the MFA device is not valid.");
        iam.enableMFADevice(r -> r.userName(userName).serialNumber(serial).authenticationCode1(previous)
                .authenticationCode2(current));

        assertThat(iam.listMFADevices(r -> r.userName(userName)).mfaDevices())
                .singleElement().satisfies(d -> {
                    assertThat(d.serialNumber()).isEqualTo(serial);
                    assertThat(d.enableDate()).isNotNull();
                });
        assertThat(iam.listVirtualMFADevicesPaginator(r -> r.assignmentStatus("Assigned")).virtualMFADevices())
                .filteredOn(d -> d.serialNumber().equals(serial))
                .singleElement().satisfies(d -> {
                    assertThat(d.user().userName()).isEqualTo(userName);
                    assertThat(d.enableDate()).isNotNull();
                    assertThat(d.tags()).extracting(Tag::value).containsExactly("phone");
                    assertThat(d.base32StringSeed()).isNull();
                });
        refused(() -> iam.enableMFADevice(r -> r.userName(userName).serialNumber(serial)
                .authenticationCode1(previous).authenticationCode2(current)), "EntityAlreadyExists", 409);

        // The STS module's check: the code already used to enable is refused, the next step's passes once.
        Instant next = Instant.ofEpochSecond((step + 1) * Totp.PERIOD_SECONDS);
        assertThat(verifier.verify(account, serial, current, Instant.ofEpochSecond(step * Totp.PERIOD_SECONDS))).isFalse();
        assertThat(verifier.verify(account, serial, totp.code(seed, step + 1), next)).isTrue();
        assertThat(verifier.verify(account, serial, totp.code(seed, step + 1), next)).isFalse();
        assertThat(verifier.verify("000000000000", serial, totp.code(seed, step + 2), next)).isFalse();

        refused(() -> iam.resyncMFADevice(r -> r.userName(userName).serialNumber(serial)
                .authenticationCode1(previous).authenticationCode2(current)), "InvalidAuthenticationCode", 403);
        refused(() -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)), "DeleteConflict", 409);
        refused(() -> iam.deleteUser(r -> r.userName(userName)), "DeleteConflict", 409);

        iam.deactivateMFADevice(r -> r.userName(userName).serialNumber(serial));
        assertThat(iam.listMFADevices(r -> r.userName(userName)).mfaDevices()).isEmpty();
        refused(() -> iam.deactivateMFADevice(r -> r.userName(userName).serialNumber(serial)), "NoSuchEntity", 404);
        // Re-enabling with codes already used is refused: a code is never accepted twice.
        refused(() -> iam.enableMFADevice(r -> r.userName(userName).serialNumber(serial)
                .authenticationCode1(previous).authenticationCode2(current)), "InvalidAuthenticationCode", 403);

        iam.deleteVirtualMFADevice(r -> r.serialNumber(serial));
        refused(() -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)), "NoSuchEntity", 404);
        refused(() -> iam.listMFADeviceTags(r -> r.serialNumber(serial)), "NoSuchEntity", 404);
        iam.deleteUser(r -> r.userName(userName));
    }

    @Test
    void mfaBadInputAndAuthorization() {
        String userName = Iam.name("mfa-bad");
        iam.createUser(r -> r.userName(userName));
        String missing = "arn:aws:iam::123456789012:mfa/" + Iam.name("missing");
        IamException code = refused(() -> iam.enableMFADevice(r -> r.userName(userName).serialNumber(missing)
                .authenticationCode1("12345").authenticationCode2("123456")), "ValidationError", 400);
        assertThat(code.awsErrorDetails().errorMessage()).contains("authenticationCode1").doesNotContain("12345'");
        NoSuchEntityException none = catchThrowableOfType(NoSuchEntityException.class, () -> iam.enableMFADevice(r -> r
                .userName(userName).serialNumber(missing).authenticationCode1("123456").authenticationCode2("654321")));
        assertThat(none.awsErrorDetails().errorMessage()).contains(missing);
        refused(() -> iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("bad name")), "ValidationError", 400);
        refused(() -> iam.listVirtualMFADevices(r -> r.assignmentStatus("Sometimes")), "ValidationError", 400);
        assertThat(iam.listMFADevices(r -> r.userName(userName)).mfaDevices()).isEmpty();

        Iam.Principal eve = Iam.newUser(iam, "eve");
        IamException denied = refused(() -> eve.client().createVirtualMFADevice(r -> r.virtualMFADeviceName(Iam.name("x"))),
                "AccessDenied", 403);
        assertThat(denied.awsErrorDetails().errorMessage()).contains("iam:CreateVirtualMFADevice");
        refused(() -> eve.client().listMFADevices(), "AccessDenied", 403);
        refused(() -> eve.client().createLoginProfile(r -> r.userName(userName).password("Initial-Passw0rd")),
                "AccessDenied", 403);

        iam.deleteAccessKey(r -> r.userName(eve.user().userName()).accessKeyId(eve.key().accessKeyId()));
        iam.deleteUser(r -> r.userName(eve.user().userName()));
        iam.deleteUser(r -> r.userName(userName));
    }
}
