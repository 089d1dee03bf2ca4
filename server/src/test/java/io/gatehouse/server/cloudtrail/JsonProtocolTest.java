package io.gatehouse.server.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The front door's JSON 1.1 protocol over raw HTTP, signed by the AWS SDK's own SigV4 signer:
 * routing by X-Amz-Target, and every refusal as the SDKs parse JSON errors (status,
 * {@code __type}, {@code message}, {@code x-amzn-RequestId}), never XML, never a 500.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class JsonProtocolTest {
    private static final String PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AwsCredentialsIdentity ADMIN = AwsCredentialsIdentity.create(IamApiProfile.ADMIN_KEY_ID,
            IamApiProfile.ADMIN_SECRET);

    private static SdkHttpRequest sign(String target, String body, String signingName, AwsCredentialsIdentity who) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(Iam.endpoint().resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(who).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    }

    private static HttpResponse<String> send(SdkHttpRequest signed, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String target, String body) throws Exception {
        return send(sign(target, body, "cloudtrail", ADMIN), body);
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(response.body()).doesNotContain("<").doesNotContain("\tat ");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo(type);
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    @Test
    void aSignedCallIsAnsweredInJson() throws Exception {
        HttpResponse<String> response = call(PREFIX + ".LookupEvents", "{\"MaxResults\":2}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("Events").isArray()).isTrue();
        assertThat(body.path("Events").size()).isBetween(1, 2);
        assertThat(body.path("Events").get(0).path("EventTime").isNumber()).isTrue();
        // An empty body is an empty request.
        assertThat(call(PREFIX + ".LookupEvents", "").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTargetsAreUnknownOperations() throws Exception {
        assertError(call(PREFIX + ".CreateTrail", "{}"), 400, "UnknownOperationException");
        assertError(call("com.amazonaws.example.v1.Nothing.LookupEvents", "{}"), 400, "UnknownOperationException");
        assertError(call("LookupEvents", "{}"), 400, "UnknownOperationException");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        assertError(call(PREFIX + ".LookupEvents", "{\"MaxResults\":"), 400, "SerializationException");
        assertError(call(PREFIX + ".LookupEvents", "[1,2]"), 400, "SerializationException");
        assertError(call(PREFIX + ".LookupEvents", "{\"MaxResults\":\"ten\"}"), 400, "SerializationException");
        assertError(call(PREFIX + ".LookupEvents", "{\"StartTime\":true}"), 400, "SerializationException");
    }

    @Test
    void invalidParametersAreValidationExceptions() throws Exception {
        JsonNode body = assertError(call(PREFIX + ".LookupEvents",
                "{\"LookupAttributes\":[{\"AttributeKey\":\"Colour\",\"AttributeValue\":\"red\"}]}"), 400,
                "ValidationException");
        assertThat(body.path("message").asText()).contains("EventName");
        assertError(call(PREFIX + ".LookupEvents", "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\"}]}"), 400,
                "ValidationException");
        assertError(call(PREFIX + ".LookupEvents", "{\"EventCategory\":\"data\"}"), 400,
                "InvalidEventCategoryException");
    }

    @Test
    void authenticationFailuresAreJsonErrors() throws Exception {
        String body = "{\"MaxResults\":1}";
        SdkHttpRequest signed = sign(PREFIX + ".LookupEvents", body, "cloudtrail", ADMIN);
        assertError(send(signed, "{\"MaxResults\":2}"), 403, "InvalidSignatureException");
        assertError(send(sign(PREFIX + ".LookupEvents", body, "iam", ADMIN), body), 403, "InvalidSignatureException");
        assertError(send(sign(PREFIX + ".LookupEvents", body, "cloudtrail",
                AwsCredentialsIdentity.create("AKIAUNKNOWNKEY000000", "x".repeat(40))), body), 403,
                "InvalidSignatureException");
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(Iam.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", PREFIX + ".LookupEvents")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(unsigned, 403, "MissingAuthenticationTokenException");
    }
}
