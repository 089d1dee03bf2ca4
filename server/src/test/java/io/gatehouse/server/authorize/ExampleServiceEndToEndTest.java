package io.gatehouse.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.authorize.example.ExampleGatehouse;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The worked example of docs/authorization-api.md, end to end over HTTP: a client signs a call to
 * the example service with the AWS SDK's signer, the service's {@code GatehouseAuthorizationFilter}
 * asks Gatehouse with the authorize-client under the service's own credentials, and the endpoint
 * answers 200, or 403 with AWS's error code.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class ExampleServiceEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final IamClient admin = Iam.admin();

    @Inject
    ExampleGatehouse example;

    private String account;

    @BeforeEach
    void theServiceHasItsOwnCredentials() {
        account = admin.getUser().user().arn().split(":")[4];
        Iam.Principal service = Gatehouse.resourceServer(admin);
        example.configure(Gatehouse.authorizer(Gatehouse.credentials(service)),
                "arn:aws:example:us-east-1:" + account + ":");
    }

    private static HttpResponse<String> call(SdkHttpMethod method, String path, AwsCredentialsIdentity credentials)
            throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(method).uri(Iam.endpoint().resolve(path)).build();
        if (credentials != null) {
            request = AwsV4HttpSigner.create().sign(r -> r.identity(credentials)
                    .request(SdkHttpRequest.builder().method(method).uri(Iam.endpoint().resolve(path)).build())
                    .payload(ContentStreamProvider.fromUtf8String(""))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "example")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).method(method.name(),
                HttpRequest.BodyPublishers.noBody());
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Iam.Principal userAllowed(String action) {
        Iam.Principal user = Iam.newUser(admin, "example-client");
        admin.putUserPolicy(r -> r.userName(user.user().userName()).policyName("orders").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\","
                        + "\"Resource\":\"arn:aws:example:us-east-1:" + account + ":order/*\"}]}"));
        return user;
    }

    @Test
    void aUserWithPermissionIsServed() throws Exception {
        Iam.Principal user = userAllowed("example:GetOrder");
        HttpResponse<String> response = call(SdkHttpMethod.GET, "/example/orders/42?view=full",
                Gatehouse.credentials(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("order 42 for " + user.user().arn());
    }

    @Test
    void aUserWithoutPermissionGets403WithAnEncodedMessage() throws Exception {
        Iam.Principal user = userAllowed("example:GetOrder");
        HttpResponse<String> response = call(SdkHttpMethod.DELETE, "/example/orders/42", Gatehouse.credentials(user));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"AccessDenied\"", "\"reason\":\"implicitDeny\"",
                "\"encodedMessage\":\"");
    }

    @Test
    void aRoleSessionIsServedByItsRolesPolicies() throws Exception {
        String name = Iam.name("example-role");
        String adminArn = admin.getUser().user().arn();
        Role role = admin.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + adminArn + "\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}")).role();
        admin.putRolePolicy(r -> r.roleName(name).policyName("delete").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"example:DeleteOrder\",\"Resource\":\"*\"}]}"));
        Credentials c = Gatehouse.adminSts().assumeRole(r -> r.roleArn(role.arn()).roleSessionName("ops"))
                .credentials();
        AwsCredentialsIdentity session = AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken());

        HttpResponse<String> deleted = call(SdkHttpMethod.DELETE, "/example/orders/7", session);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("deleted 7");
        assertThat(call(SdkHttpMethod.GET, "/example/orders/7", session).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnsignedOrForgedCallGets403WithAwsCode() throws Exception {
        HttpResponse<String> unsigned = call(SdkHttpMethod.GET, "/example/orders/42", null);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("\"code\":\"MissingAuthenticationToken\"");

        HttpResponse<String> forged = call(SdkHttpMethod.GET, "/example/orders/42",
                AwsCredentialsIdentity.create(IamApiProfile.ADMIN_KEY_ID, "not/the/secret/not/the/secret/not/the/00"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"code\":\"SignatureDoesNotMatch\"");
    }

    @Test
    void whenGatehouseRefusesTheServiceItselfNothingGetsThrough() throws Exception {
        Iam.Principal notAServer = Iam.newUser(admin, "no-authorize");
        example.configure(Gatehouse.authorizer(Gatehouse.credentials(notAServer)),
                "arn:aws:example:us-east-1:" + account + ":");
        Iam.Principal user = userAllowed("example:GetOrder");
        HttpResponse<String> response = call(SdkHttpMethod.GET, "/example/orders/42", Gatehouse.credentials(user));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("order 42");
    }
}
