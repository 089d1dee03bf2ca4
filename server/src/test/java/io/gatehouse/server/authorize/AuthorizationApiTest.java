package io.gatehouse.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.client.AuthorizationException;
import io.gatehouse.client.AuthorizationRequest;
import io.gatehouse.client.Decision;
import io.gatehouse.client.GatehouseAuthorizer;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * {@code POST /v1/authorize} and DecodeAuthorizationMessage, through the authorize-client and the
 * AWS SDK for Java v2, against real MariaDB: decisions by identity, resource and session policies,
 * refusals of the client's signature, of the resource server, of malformed questions, and the
 * data events they leave.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class AuthorizationApiTest {
    private static final String GET = "example:GetOrder";
    private static final String DELETE = "example:DeleteOrder";

    private final IamClient admin = Iam.admin();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SessionTokens sessionTokens;

    private static String order(String account, String id) {
        return "arn:aws:example:us-east-1:" + account + ":order/" + id;
    }

    private static String account(Iam.Principal user) {
        return user.user().arn().split(":")[4];
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private Iam.Principal reader() {
        Iam.Principal reader = Iam.newUser(admin, "reader");
        admin.putUserPolicy(r -> r.userName(reader.user().userName()).policyName("read")
                .policyDocument(allow(GET, order(account(reader), "*"))));
        admin.tagUser(r -> r.userName(reader.user().userName()).tags(t -> t.key("team").value("blue")));
        return reader;
    }

    private GatehouseAuthorizer server() {
        return Gatehouse.authorizer(Gatehouse.credentials(Gatehouse.resourceServer(admin)));
    }

    private static Decision ask(GatehouseAuthorizer server, AwsCredentialsIdentity client, String action,
            String resource) {
        SdkHttpRequest signed = ClientRequests.signedGet("/orders/42?view=full", client);
        return server.authorize(ClientRequests.question(signed, action, resource).build());
    }

    @Test
    void aUserWhosePolicyAllowsIsAllowedWithItsPrincipal() {
        Iam.Principal reader = reader();
        Decision decision = ask(server(), Gatehouse.credentials(reader), GET, order(account(reader), "42"));

        assertThat(decision.allowed()).as(decision.message()).isTrue();
        assertThat(decision.principal().arn()).isEqualTo(reader.user().arn());
        assertThat(decision.principal().accountId()).isEqualTo(account(reader));
        assertThat(decision.principal().userId()).isEqualTo(reader.user().userId()).startsWith("AIDA");
        assertThat(decision.principal().type()).isEqualTo("IAMUser");
        assertThat(decision.principal().tags()).containsEntry("team", "blue");
        assertThat(decision.encodedMessage()).isNull();
    }

    @Test
    void anActionNoPolicyAllowsIsDeniedImplicitlyWithAnEncodedMessage() {
        Iam.Principal reader = reader();
        Decision decision = ask(server(), Gatehouse.credentials(reader), DELETE, order(account(reader), "42"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("implicitDeny");
        assertThat(decision.principal().arn()).isEqualTo(reader.user().arn());
        assertThat(decision.encodedMessage()).isNotBlank();
        assertThat(decision.errorCode()).isNull();
    }

    @Test
    void aPassedResourcePolicyGrantsAndItsDenyWins() {
        Iam.Principal nobody = Iam.newUser(admin, "nobody");
        String resource = order(account(nobody), "7");
        GatehouseAuthorizer server = server();
        SdkHttpRequest signed = ClientRequests.signedGet("/orders/7", Gatehouse.credentials(nobody));
        assertThat(server.authorize(ClientRequests.question(signed, GET, resource).build()).allowed()).isFalse();

        String grants = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + nobody.user().arn() + "\"},\"Action\":\"" + GET + "\",\"Resource\":\"" + resource + "\"}]}";
        assertThat(server.authorize(ClientRequests.question(signed, GET, resource).resourcePolicy(grants).build())
                .allowed()).isTrue();

        Iam.Principal reader = reader();
        SdkHttpRequest byReader = ClientRequests.signedGet("/orders/7", Gatehouse.credentials(reader));
        String denies = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"closed\",\"Effect\":\"Deny\","
                + "\"Principal\":\"*\",\"Action\":\"example:*\",\"Resource\":\"*\"}]}";
        Decision denied = server.authorize(ClientRequests.question(byReader, GET, resource).resourcePolicy(denies)
                .build());
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo("explicitDeny");
    }

    @Test
    void contextKeysFromTheResourceServerReachConditions() {
        Iam.Principal user = Iam.newUser(admin, "channel");
        String resource = order(account(user), "9");
        admin.putUserPolicy(r -> r.userName(user.user().userName()).policyName("web").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + GET + "\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"example:Channel\":\"web\"},"
                        + "\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}"));
        GatehouseAuthorizer server = server();
        SdkHttpRequest signed = ClientRequests.signedGet("/orders/9", Gatehouse.credentials(user));
        assertThat(server.authorize(ClientRequests.question(signed, GET, resource).context("example:Channel", "web")
                .build()).allowed()).isTrue();
        assertThat(server.authorize(ClientRequests.question(signed, GET, resource).context("example:Channel", "app")
                .build()).allowed()).isFalse();
        assertThat(server.authorize(ClientRequests.question(signed, GET, resource).context("example:Channel", "web")
                .sourceIp("198.51.100.1").build()).allowed()).isFalse();
    }

    @Test
    void sessionPoliciesNarrowAnAssumedRoleSession() {
        String name = Iam.name("orders-role");
        String adminArn = admin.getUser().user().arn();
        Role role = admin.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + adminArn + "\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}")).role();
        admin.putRolePolicy(r -> r.roleName(name).policyName("all").policyDocument(allow("example:*", "*")));
        Credentials c = Gatehouse.adminSts().assumeRole(r -> r.roleArn(role.arn()).roleSessionName("picker")
                .policy(allow(GET, "*"))).credentials();
        AwsCredentialsIdentity session = AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken());
        String account = role.arn().split(":")[4];
        GatehouseAuthorizer server = server();

        Decision get = ask(server, session, GET, order(account, "1"));
        assertThat(get.allowed()).as(get.message()).isTrue();
        assertThat(get.principal().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + name + "/picker");
        assertThat(get.principal().type()).isEqualTo("AssumedRole");
        assertThat(get.principal().userId()).isEqualTo(role.roleId() + ":picker");

        Decision delete = ask(server, session, DELETE, order(account, "1"));
        assertThat(delete.allowed()).isFalse();
        assertThat(delete.reason()).isEqualTo("implicitDeny");
    }

    @Test
    void anExplicitDenyIsExplainedByDecodeAuthorizationMessageToThoseAllowed() {
        Iam.Principal user = Iam.newUser(admin, "denied");
        admin.putUserPolicy(r -> r.userName(user.user().userName()).policyName("mixed").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"example:*\","
                        + "\"Resource\":\"*\"},{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Action\":\"" + DELETE
                        + "\",\"Resource\":\"*\"}]}"));
        String resource = order(account(user), "42");
        Decision decision = ask(server(), Gatehouse.credentials(user), DELETE, resource);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("explicitDeny");
        assertThat(decision.encodedMessage()).hasSizeLessThanOrEqualTo(10_240);

        String decoded = Gatehouse.adminSts().decodeAuthorizationMessage(r -> r.encodedMessage(
                decision.encodedMessage())).decodedMessage();
        assertThat(decoded).contains("\"allowed\":false", "\"explicitDeny\":true", "\"statementId\":\"NoDeletes\"",
                "\"effect\":\"DENY\"", "\"action\":\"" + DELETE + "\"", "\"resource\":\"" + resource + "\"",
                "\"arn\":\"" + user.user().arn() + "\"", "\"key\":\"aws:username\"", "\"key\":\"aws:sourceip\"",
                "\"value\":\"203.0.113.7\"");

        StsException refused = catchThrowableOfType(StsException.class, () -> Gatehouse.sts(AwsBasicCredentials
                .create(user.key().accessKeyId(), user.key().secretAccessKey()))
                .decodeAuthorizationMessage(r -> r.encodedMessage(decision.encodedMessage())));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

        String altered = decision.encodedMessage().substring(0, 40)
                + (decision.encodedMessage().charAt(40) == 'A' ? 'B' : 'A') + decision.encodedMessage().substring(41);
        StsException invalid = catchThrowableOfType(StsException.class, () -> Gatehouse.adminSts()
                .decodeAuthorizationMessage(r -> r.encodedMessage(altered)));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthorizationMessageException");
    }

    @Test
    void aForwardedSignatureThatDoesNotVerifyIsADenialWithAwsCode() {
        Iam.Principal reader = reader();
        String resource = order(account(reader), "42");
        GatehouseAuthorizer server = server();
        AwsCredentialsIdentity credentials = Gatehouse.credentials(reader);

        SdkHttpRequest signed = ClientRequests.signedGet("/orders/42", credentials);
        Decision tampered = server.authorize(ClientRequests.question(signed, GET, resource).path("/orders/43").build());
        assertAuthenticationDenial(tampered, "SignatureDoesNotMatch");

        Decision unknown = ask(server, AwsCredentialsIdentity.create("AKIAUNKNOWNKEY000000", "x".repeat(40)), GET,
                resource);
        assertAuthenticationDenial(unknown, "SignatureDoesNotMatch");
        assertThat(unknown.message()).isEqualTo(tampered.message());

        SdkHttpRequest old = ClientRequests.signedGet("/orders/42", credentials, Instant.now().minusSeconds(600));
        assertAuthenticationDenial(server.authorize(ClientRequests.question(old, GET, resource).build()),
                "RequestTimeTooSkewed");

        Decision otherService = server.authorize(ClientRequests.question(signed, GET, resource)
                .signingName("billing").build());
        assertAuthenticationDenial(otherService, "SignatureDoesNotMatch");
        assertThat(otherService.message()).contains("'billing'");
    }

    @Test
    void anExpiredSessionIsExpiredToken() {
        Iam.Principal reader = reader();
        Instant now = Instant.now();
        String secret = "expired/session/secret/0123456789abcdefgh";
        Session expired = new Session("ASIAEXPIREDSESSION01", secret, "GetSessionToken", account(reader),
                reader.user().arn(), reader.user().userId(), reader.user().arn(), null, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)), null, null, null, List.of(), Map.of(), Set.of());
        AwsCredentialsIdentity credentials = AwsSessionCredentialsIdentity.create("ASIAEXPIREDSESSION01", secret,
                sessionTokens.seal(expired));
        Decision decision = ask(server(), credentials, GET, order(account(reader), "42"));
        assertAuthenticationDenial(decision, "ExpiredToken");
    }

    private static void assertAuthenticationDenial(Decision decision, String code) {
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("authentication");
        assertThat(decision.errorCode()).isEqualTo(code);
        assertThat(decision.principal()).isNull();
        assertThat(decision.encodedMessage()).isNull();
    }

    @Test
    void aResourceServerWithoutGatehouseAuthorizeIsRefusedAndRecorded() throws Exception {
        Iam.Principal plain = Iam.newUser(admin, "not-a-server");
        Iam.Principal reader = reader();
        AuthorizationException e = catchThrowableOfType(AuthorizationException.class, () -> ask(
                Gatehouse.authorizer(Gatehouse.credentials(plain)), Gatehouse.credentials(reader), GET,
                order(account(reader), "42")));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.type()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("gatehouse:Authorize");

        // Stored records have their members sorted by name: eventSource comes before userIdentity.
        List<String> records = records("%\"eventSource\":\"gatehouse.amazonaws.com\"%\"accessKeyId\":\""
                + plain.key().accessKeyId() + "\"%");
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).contains("\"eventName\":\"Authorize\"", "\"errorCode\":\"AccessDenied\"",
                "\"arn\":\"" + plain.user().arn() + "\"");
    }

    @Test
    void malformedOrUnsignedQuestionsAreJsonErrors() throws Exception {
        AwsCredentialsIdentity server = Gatehouse.credentials(Gatehouse.resourceServer(admin));
        assertJsonError(Gatehouse.post("{not json", server), 400, "SerializationException");
        assertJsonError(Gatehouse.post("[]", server), 400, "SerializationException");
        String noAction = "{\"method\":\"GET\",\"path\":\"/\",\"headers\":{},\"payloadHash\":\""
                + AuthorizationRequest.EMPTY_PAYLOAD_HASH + "\",\"resource\":\"*\"}";
        assertJsonError(Gatehouse.post(noAction, server), 400, "ValidationException");
        String derivedKey = "{\"method\":\"GET\",\"path\":\"/\",\"headers\":{},\"payloadHash\":\""
                + AuthorizationRequest.EMPTY_PAYLOAD_HASH + "\",\"action\":\"example:GetOrder\",\"resource\":\"*\","
                + "\"context\":{\"aws:username\":\"admin\"}}";
        assertJsonError(Gatehouse.post(derivedKey, server), 400, "ValidationException");
        String badPolicy = noAction.replace("\"resource\":\"*\"", "\"action\":\"example:GetOrder\","
                + "\"resource\":\"arn:aws:example:::x\",\"resourcePolicy\":{\"Statement\":\"nope\"}");
        assertJsonError(Gatehouse.post(badPolicy, server), 400, "MalformedPolicyDocument");
        assertJsonError(Gatehouse.post(noAction, null), 403, "MissingAuthenticationToken");
        assertJsonError(Gatehouse.post(noAction, AwsCredentialsIdentity.create(IamApiProfile.ADMIN_KEY_ID,
                "wrong/secret/wrong/secret/wrong/secret/00")), 403, "SignatureDoesNotMatch");
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).contains("\"__type\":\"" + type + "\"", "\"message\":")
                .doesNotContain("Exception:").doesNotContain("\tat ");
    }

    @Test
    void eachDecisionIsADataEventWithoutSecrets() throws Exception {
        Iam.Principal server = Gatehouse.resourceServer(admin);
        Iam.Principal reader = reader();
        Credentials session = Gatehouse.sts(AwsBasicCredentials.create(reader.key().accessKeyId(),
                reader.key().secretAccessKey())).getSessionToken().credentials();
        SdkHttpRequest signed = ClientRequests.signedGet("/orders/42", AwsSessionCredentialsIdentity.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        Decision decision = Gatehouse.authorizer(Gatehouse.credentials(server)).authorize(
                ClientRequests.question(signed, GET, order(account(reader), "42")).build());
        assertThat(decision.allowed()).as(decision.message()).isTrue();

        List<String> records = records("%" + decision.requestId() + "%");
        assertThat(records).hasSize(1);
        String signature = signed.firstMatchingHeader("Authorization").orElseThrow().replaceAll(".*Signature=", "");
        assertThat(records.get(0)).contains("\"eventCategory\":\"Data\"", "\"managementEvent\":false",
                "\"eventSource\":\"gatehouse.amazonaws.com\"", "\"eventName\":\"example:GetOrder\"",
                "\"accessKeyId\":\"" + session.accessKeyId() + "\"", "\"arn\":\"" + reader.user().arn() + "\"",
                "\"decision\":\"ALLOW\"", "\"sourceIPAddress\":\"203.0.113.7\"", "\"readOnly\":true")
                // Members are stored sorted by name: the server's arn is not resourceServer's first one.
                .containsPattern("\"resourceServer\":\\{[^}]*\"arn\":\"" + Pattern.quote(server.user().arn()) + "\"")
                .doesNotContain(signature).doesNotContain(session.sessionToken())
                .doesNotContain(session.secretAccessKey());
    }

    private List<String> records(String like) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select payload from aud_outbox where payload like ? "
                        + "order by id")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
