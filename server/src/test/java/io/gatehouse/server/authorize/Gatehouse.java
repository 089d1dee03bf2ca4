package io.gatehouse.server.authorize;

import io.gatehouse.client.GatehouseAuthorizer;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Fixtures of the authorization API tests: resource servers, clients, raw calls. */
final class Gatehouse {
    static final String AUTHORIZE_EXAMPLE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"gatehouse:Authorize\",\"Resource\":\"arn:aws:example:*:*:*\"}]}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Gatehouse() {}

    static AwsCredentialsIdentity credentials(Iam.Principal user) {
        return AwsCredentialsIdentity.create(user.key().accessKeyId(), user.key().secretAccessKey());
    }

    /** A new IAM user that may ask about example resources, as a resource server would be. */
    static Iam.Principal resourceServer(IamClient admin) {
        Iam.Principal server = Iam.newUser(admin, "resource-server");
        admin.putUserPolicy(r -> r.userName(server.user().userName()).policyName("authorize")
                .policyDocument(AUTHORIZE_EXAMPLE));
        return server;
    }

    static GatehouseAuthorizer authorizer(AwsCredentialsIdentity credentials) {
        return GatehouseAuthorizer.builder().endpoint(Iam.endpoint()).credentials(credentials).build();
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static StsClient adminSts() {
        return sts(AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET));
    }

    /** A raw POST of {@code json} to /v1/authorize, signed (or not, when credentials are null). */
    static HttpResponse<String> post(String json, AwsCredentialsIdentity credentials) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(Iam.endpoint().resolve("/v1/authorize")).putHeader("Content-Type", "application/json").build();
        if (credentials != null) {
            request = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(
                    SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(Iam.endpoint().resolve("/v1/authorize"))
                            .putHeader("Content-Type", "application/json").build())
                    .payload(ContentStreamProvider.fromUtf8String(json))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "gatehouse")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
