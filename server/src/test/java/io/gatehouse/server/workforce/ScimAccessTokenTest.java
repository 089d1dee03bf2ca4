package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.server.cloudtrail.CloudTrail;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SCIM bearer tokens through the GatehouseAdmin JSON service (SigV4 as {@code sso}): shown once,
 * listed without the secret, never in the audit record, revoked at once, authorized by sso:*.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class ScimAccessTokenTest {

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevokedAtOnce() throws Exception {
        HttpResponse<String> created = Scim.adminCall("CreateScimAccessToken", "{\"ExpiresInDays\":30}",
                Scim.admin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode body = Scim.MAPPER.readTree(created.body());
        String token = body.path("AccessToken").asText();
        String tokenId = body.path("TokenId").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.path("ExpiresAt").asDouble() - body.path("CreatedAt").asDouble())
                .isEqualTo(30 * 86400.0, org.assertj.core.data.Offset.offset(1.0));

        Scim.Client scim = new Scim.Client(token);
        assertThat(scim.send("GET", "/ServiceProviderConfig", null).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = Scim.adminCall("ListScimAccessTokens", "{}", Scim.admin());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(tokenId).doesNotContain(token);

        CloudTrailClient cloudTrail = CloudTrail.admin();
        java.util.List<Event> events = cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateScimAccessToken"))).events();
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.eventSource()).isEqualTo("sso.amazonaws.com");
            assertThat(e.cloudTrailEvent()).doesNotContain(token);
        });
        assertThat(events).anySatisfy(e -> assertThat(e.cloudTrailEvent()).contains(tokenId));

        HttpResponse<String> deleted = Scim.adminCall("DeleteScimAccessToken",
                "{\"TokenId\":\"" + tokenId + "\"}", Scim.admin());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        HttpResponse<String> refused = scim.send("GET", "/Users", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/scim+json"));
        assertThat(Scim.MAPPER.readTree(refused.body()).path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    @Test
    void tokenCallsAreAuthorizedAndCheckedAsAwsDoes() throws Exception {
        IamClient iam = Iam.admin();
        Iam.Principal nobody = Iam.newUser(iam, "tokenless");
        AwsCredentialsIdentity who = AwsCredentialsIdentity.create(nobody.key().accessKeyId(),
                nobody.key().secretAccessKey());
        HttpResponse<String> denied = Scim.adminCall("CreateScimAccessToken", "{}", who);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(Scim.MAPPER.readTree(denied.body()).path("__type").asText()).isEqualTo("AccessDeniedException");
        assertThat(denied.body()).contains("sso:CreateScimAccessToken");

        HttpResponse<String> unknown = Scim.adminCall("DeleteScimAccessToken",
                "{\"TokenId\":\"00000000-0000-0000-0000-000000000000\"}", Scim.admin());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Scim.MAPPER.readTree(unknown.body()).path("__type").asText())
                .isEqualTo("ResourceNotFoundException");
        HttpResponse<String> invalid = Scim.adminCall("DeleteScimAccessToken", "{\"TokenId\":\"x\"}", Scim.admin());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Scim.MAPPER.readTree(invalid.body()).path("__type").asText()).isEqualTo("ValidationException");
        HttpResponse<String> tooLong = Scim.adminCall("CreateScimAccessToken", "{\"ExpiresInDays\":100000}",
                Scim.admin());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        HttpResponse<String> op = Scim.adminCall("RotateEverything", "{}", Scim.admin());
        assertThat(Scim.MAPPER.readTree(op.body()).path("__type").asText()).isEqualTo("UnknownOperationException");

        assertThat(new Scim.Client("not-a-token").send("GET", "/Users", null).statusCode()).isEqualTo(401);
        assertThat(new Scim.Client(null).send("GET", "/Users", null).statusCode()).isEqualTo(401);
    }
}
