package io.gatehouse.server.workforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Test clients: the GatehouseAdmin JSON calls signed by the AWS SDK's SigV4 signer as the
 * {@code sso} service, and a SCIM client speaking plain HTTP with a bearer token.
 */
final class Scim {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SCIM_JSON = "application/scim+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scim() {}

    static AwsCredentialsIdentity admin() {
        return AwsCredentialsIdentity.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    /** A GatehouseAdmin call signed for the {@code sso} service. */
    static HttpResponse<String> adminCall(String operation, String body, AwsCredentialsIdentity who)
            throws Exception {
        return jsonCall("GatehouseAdmin." + operation, body, who);
    }

    /** A JSON 1.1 call with this X-Amz-Target, signed for the {@code sso} service. */
    static HttpResponse<String> jsonCall(String target, String body, AwsCredentialsIdentity who) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(Iam.endpoint().resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(who).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sso")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new SCIM token from the administrator. */
    static String newToken() throws Exception {
        HttpResponse<String> response = adminCall("CreateScimAccessToken", "{}", admin());
        if (response.statusCode() != 200) {
            throw new AssertionError("CreateScimAccessToken: " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body()).path("AccessToken").asText();
    }

    static URI uri(String path) {
        return Iam.endpoint().resolve("/scim/v2" + path);
    }

    static String query(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A SCIM client holding one bearer token. */
    record Client(String token) {
        HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Accept", SCIM_JSON);
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                builder.header("Content-Type", SCIM_JSON);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String method, String path, String body, int expectedStatus) throws Exception {
            HttpResponse<String> response = send(method, path, body);
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(method + " " + path + ": expected " + expectedStatus + ", got "
                        + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        }
    }
}
