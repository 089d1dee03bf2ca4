package io.gatehouse.server.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.internal.auth.CallerResolver;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * GetFederationToken through the unmodified AWS SDK: its input limits, its answer, and a federated
 * user's permissions (the user's policies intersected with the session policies; none passed, none
 * granted), resolved exactly as the server resolves a request signed with the credentials.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class StsFederationTokenTest {
    private static final String USER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:GetFederationToken\",\"sts:TagSession\",\"s3:GetObject\",\"s3:PutObject\"],"
            + "\"Resource\":\"*\"}]}";
    private static final String GET_AND_DELETE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:DeleteObject\"],\"Resource\":\"*\"}]}";
    private static final String PUT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}";

    private final IamClient admin = Iam.admin();

    @Inject
    SecretBox secretBox;
    @Inject
    SessionTokens tokens;
    @Inject
    AccessKeyCache keys;
    @Inject
    Clock clock;
    @Inject
    CallerResolver resolver;
    @Inject
    Authorizer authorizer;
    @Inject
    AgroalDataSource dataSource;

    static StsClient sts(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static StsClient sts(Iam.Principal user) {
        return sts(AwsBasicCredentials.create(user.key().accessKeyId(), user.key().secretAccessKey()));
    }

    static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private Iam.Principal federator() {
        Iam.Principal user = Iam.newUser(admin, "fed-user");
        admin.putUserPolicy(r -> r.userName(user.user().userName()).policyName("p").policyDocument(USER_POLICY));
        return user;
    }

    private static StsException refused(Runnable call, String code) {
        StsException e = catchThrowableOfType(StsException.class, call::run);
        assertThat(e).as("the call should be refused").isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isLessThan(500);
        return e;
    }

    /** The caller the server resolves for a request signed with these credentials. */
    private Caller resolve(Credentials c) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StoreSigningSecrets secrets = new StoreSigningSecrets(secretBox, tokens, keys, clock);
            secrets.secretFor(c.accessKeyId(), c.sessionToken());
            return resolver.resolve(secrets, c.accessKeyId());
        });
    }

    private boolean allowed(Caller caller, String action) {
        RequestInfo request = new RequestInfo("test", "127.0.0.1", null, "us-east-1", false, Instant.now());
        return authorizer.decide(caller, request, action, "arn:aws:s3:::bucket/key", caller.accountId(), Map.of())
                .allowed();
    }

    @Test
    void aFederatedUserGetsCredentialsAndItsIdentity() {
        Iam.Principal user = federator();
        String account = user.user().arn().split(":")[4];
        Instant before = Instant.now();
        GetFederationTokenResponse got = sts(user).getFederationToken(r -> r.name("bob@example.com").policy(GET_AND_DELETE)
                .tags(Tag.builder().key("team").value("blue").build()));

        Credentials c = got.credentials();
        assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(c.secretAccessKey()).hasSize(40);
        assertThat(c.expiration()).isBetween(before.plus(Duration.ofHours(12)).minusSeconds(5),
                before.plus(Duration.ofHours(12)).plusSeconds(60));
        assertThat(got.federatedUser().federatedUserId()).isEqualTo(account + ":bob@example.com");
        assertThat(got.federatedUser().arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/bob@example.com");
        assertThat(got.packedPolicySize()).isBetween(1, 100);

        var me = sts(session(c)).getCallerIdentity();
        assertThat(me.userId()).isEqualTo(account + ":bob@example.com");
        assertThat(me.account()).isEqualTo(account);
        assertThat(me.arn()).isEqualTo(got.federatedUser().arn());
        Caller caller = resolve(c);
        assertThat(caller.identityType()).isEqualTo("FederatedUser");
        assertThat(caller.userName()).isNull();
        assertThat(caller.principalTags()).containsEntry("team", "blue");
    }

    @Test
    void aFederatedUserMayDoWhatBothTheUserAndTheSessionPoliciesAllow() {
        Iam.Principal user = federator();
        Caller narrowed = resolve(sts(user).getFederationToken(r -> r.name("narrow").policy(GET_AND_DELETE)).credentials());
        assertThat(allowed(narrowed, "s3:GetObject")).as("both allow").isTrue();
        assertThat(allowed(narrowed, "s3:PutObject")).as("only the user allows").isFalse();
        assertThat(allowed(narrowed, "s3:DeleteObject")).as("only the session allows").isFalse();

        Caller none = resolve(sts(user).getFederationToken(r -> r.name("nothing")).credentials());
        assertThat(allowed(none, "s3:GetObject")).as("no session policy, no permission").isFalse();

        String account = user.user().arn().split(":")[4];
        String policyName = Iam.name("fed-put");
        admin.createPolicy(r -> r.policyName(policyName).policyDocument(PUT));
        String policyArn = "arn:aws:iam::" + account + ":policy/" + policyName;
        Caller managed = resolve(sts(user).getFederationToken(r -> r.name("managed")
                .policyArns(p -> p.arn(policyArn))).credentials());
        assertThat(allowed(managed, "s3:PutObject")).as("a managed session policy").isTrue();
        assertThat(allowed(managed, "s3:GetObject")).isFalse();
    }

    @Test
    void theAuditRecordShowsAFederatedUserIssuedByTheIamUser() throws Exception {
        Iam.Principal user = federator();
        String name = "audit-" + Iam.name("f").substring(2);
        Credentials c = sts(user).getFederationToken(r -> r.name(name).policy(GET_AND_DELETE)).credentials();
        sts(session(c)).getCallerIdentity();
        JsonNode identity = null;
        try (Connection db = dataSource.getConnection();
                PreparedStatement s = db.prepareStatement("SELECT payload FROM aud_outbox WHERE payload LIKE ?")) {
            s.setString(1, "%federated-user/" + name + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JsonNode event = new ObjectMapper().readTree(rs.getString(1));
                    if ("FederatedUser".equals(event.path("userIdentity").path("type").asText())) {
                        identity = event.path("userIdentity");
                    }
                }
            }
        }
        assertThat(identity).as("an event made by the federated user").isNotNull();
        assertThat(identity.path("principalId").asText()).endsWith(":" + name);
        JsonNode issuer = identity.path("sessionContext").path("sessionIssuer");
        assertThat(issuer.path("type").asText()).isEqualTo("IAMUser");
        assertThat(issuer.path("principalId").asText()).isEqualTo(user.user().userId());
        assertThat(issuer.path("arn").asText()).isEqualTo(user.user().arn());
        assertThat(issuer.path("userName").asText()).isEqualTo(user.user().userName());
    }

    @Test
    void durationBoundaries() {
        Iam.Principal user = federator();
        Instant before = Instant.now();
        assertThat(refused(() -> sts(user).getFederationToken(r -> r.name("dd").durationSeconds(899)), "ValidationError")
                .awsErrorDetails().errorMessage()).contains("greater than or equal to 900");
        assertThat(sts(user).getFederationToken(r -> r.name("dd").durationSeconds(900)).credentials().expiration())
                .isBefore(before.plus(Duration.ofMinutes(16)));
        assertThat(sts(user).getFederationToken(r -> r.name("dd").durationSeconds(129_600)).credentials().expiration())
                .isAfter(before.plus(Duration.ofHours(35)));
        assertThat(refused(() -> sts(user).getFederationToken(r -> r.name("dd").durationSeconds(129_601)),
                "ValidationError").awsErrorDetails().errorMessage()).contains("less than or equal to 129600");
    }

    @Test
    void badInputIsRefusedWithAwsCodesNeverAServerError() {
        Iam.Principal user = federator();
        StsClient sts = sts(user);
        refused(() -> sts.getFederationToken(r -> r.name("x")), "ValidationError");
        refused(() -> sts.getFederationToken(r -> r.name("a".repeat(33))), "ValidationError");
        sts.getFederationToken(r -> r.name("a".repeat(32)));
        refused(() -> sts.getFederationToken(r -> r.name("bad name")), "ValidationError");
        refused(() -> sts.getFederationToken(r -> r.name("ok").policy("{not json")), "MalformedPolicyDocument");
        refused(() -> sts.getFederationToken(r -> r.name("ok").policy("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Principal\":\"*\"}]}")),
                "MalformedPolicyDocument");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            arns.add("arn:aws:iam::aws:policy/P" + i);
        }
        refused(() -> sts.getFederationToken(r -> r.name("ok").policyArns(arns.stream()
                .map(a -> software.amazon.awssdk.services.sts.model.PolicyDescriptorType.builder().arn(a).build())
                .toList())), "ValidationError");
        refused(() -> sts.getFederationToken(r -> r.name("ok").policyArns(p -> p.arn("not-an-arn-at-all-really"))),
                "ValidationError");
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tags.add(Tag.builder().key("k" + i).value("v").build());
        }
        refused(() -> sts.getFederationToken(r -> r.name("ok").tags(tags)), "ValidationError");
        refused(() -> sts.getFederationToken(r -> r.name("ok").tags(Tag.builder().key("aws:x").value("v").build())),
                "ValidationError");
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}";
        List<Tag> heavy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            heavy.add(Tag.builder().key("key-" + i + "-" + "k".repeat(100)).value("v".repeat(200)).build());
        }
        refused(() -> sts.getFederationToken(r -> r.name("ok").policy(big).tags(heavy)), "PackedPolicyTooLarge");
    }

    @Test
    void onlyIamUsersWithLongTermKeysAndPermissionMayCallIt() {
        Iam.Principal user = federator();
        Iam.Principal without = Iam.newUser(admin, "fed-none");
        StsException denied = refused(() -> sts(without).getFederationToken(r -> r.name("x1")), "AccessDenied");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorMessage()).contains("sts:GetFederationToken")
                .contains(":federated-user/x1");

        Iam.Principal noTags = Iam.newUser(admin, "fed-notag");
        admin.putUserPolicy(r -> r.userName(noTags.user().userName()).policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetFederationToken\","
                        + "\"Resource\":\"*\"}]}"));
        sts(noTags).getFederationToken(r -> r.name("x2"));
        assertThat(refused(() -> sts(noTags).getFederationToken(r -> r.name("x2")
                .tags(Tag.builder().key("a").value("b").build())), "AccessDenied").awsErrorDetails().errorMessage())
                .contains("sts:TagSession");

        Credentials plain = sts(user).getSessionToken().credentials();
        assertThat(refused(() -> sts(session(plain)).getFederationToken(r -> r.name("x3")), "AccessDenied")
                .awsErrorDetails().errorMessage()).isEqualTo("Cannot call GetFederationToken with session credentials");
    }

    @Test
    void aFederatedUserMayCallOnlyGetCallerIdentityAndNoIam() {
        Iam.Principal user = federator();
        Credentials c = sts(user).getFederationToken(r -> r.name("limited").policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                .credentials();
        StsClient asFederated = sts(session(c));
        assertThat(asFederated.getCallerIdentity().arn()).endsWith(":federated-user/limited");
        for (Runnable call : List.<Runnable>of(
                () -> asFederated.getSessionToken(),
                () -> asFederated.getFederationToken(r -> r.name("again")),
                () -> asFederated.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/any").roleSessionName("s")),
                () -> asFederated.getAccessKeyInfo(r -> r.accessKeyId(c.accessKeyId())))) {
            assertThat(refused(call, "AccessDenied").awsErrorDetails().errorMessage()).startsWith("Cannot call ");
        }
        IamException iam = catchThrowableOfType(IamException.class, () -> Iam.client(session(c)).listUsers());
        assertThat(iam.statusCode()).isEqualTo(403);
        assertThat(iam.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    }
}
