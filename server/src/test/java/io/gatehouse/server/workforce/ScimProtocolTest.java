package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.server.cloudtrail.CloudTrail;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * SCIM's protocol rules: discovery, pagination, ETags with If-Match, and every refusal in SCIM's
 * error format with its scimType (invalidSyntax, invalidFilter, uniqueness, invalidValue), never
 * a 500; SCIM calls audited with the token as the identity.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class ScimProtocolTest {
    private Scim.Client scim;

    @BeforeEach
    void token() throws Exception {
        if (scim == null) {
            scim = new Scim.Client(Scim.newToken());
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String user(String userName) throws Exception {
        return scim.json("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\"}", 201).path("id").asText();
    }

    private void assertError(HttpResponse<String> response, int status, String scimType) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/scim+json"));
        JsonNode body = Scim.MAPPER.readTree(response.body());
        assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asText()).isEqualTo(String.valueOf(status));
        if (scimType != null) {
            assertThat(body.path("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(response.body()).doesNotContain("\tat ");
    }

    @Test
    void discoveryDescribesTheServer() throws Exception {
        JsonNode config = scim.json("GET", "/ServiceProviderConfig", null, 200);
        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
        assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
        assertThat(config.path("authenticationSchemes").get(0).path("type").asText()).isEqualTo("oauthbearertoken");
        JsonNode types = scim.json("GET", "/ResourceTypes", null, 200);
        assertThat(types.path("Resources")).extracting(n -> n.path("id").asText()).containsExactly("User", "Group");
        JsonNode schemas = scim.json("GET", "/Schemas", null, 200);
        assertThat(schemas.path("totalResults").asInt()).isEqualTo(3);
        JsonNode userSchema = scim.json("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", null, 200);
        assertThat(userSchema.path("attributes")).extracting(n -> n.path("name").asText()).contains("userName",
                "emails", "active");
        assertError(scim.send("GET", "/ResourceTypes/Printer", null), 404, null);
    }

    @Test
    void usersArePagedWithStartIndexAndCount() throws Exception {
        String prefix = unique("pager");
        for (int i = 0; i < 5; i++) {
            user(prefix + "-" + i);
        }
        String filter = Scim.query("userName sw \"" + prefix + "\"");
        JsonNode first = scim.json("GET", "/Users?filter=" + filter + "&startIndex=1&count=2", null, 200);
        assertThat(first.path("totalResults").asInt()).isEqualTo(5);
        assertThat(first.path("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(first.path("startIndex").asInt()).isEqualTo(1);
        JsonNode last = scim.json("GET", "/Users?filter=" + filter + "&startIndex=5&count=2", null, 200);
        assertThat(last.path("Resources")).hasSize(1);
        JsonNode countOnly = scim.json("GET", "/Users?filter=" + filter + "&count=0", null, 200);
        assertThat(countOnly.path("totalResults").asInt()).isEqualTo(5);
        assertThat(countOnly.path("Resources")).isEmpty();
        JsonNode either = scim.json("GET", "/Users?filter=" + Scim.query("(userName eq \"" + prefix
                + "-1\" or userName eq \"" + prefix + "-2\") and not (userName ew \"-2\")"), null, 200);
        assertThat(either.path("Resources")).extracting(n -> n.path("userName").asText())
                .containsExactly(prefix + "-1");
    }

    @Test
    void etagsGuardUpdates() throws Exception {
        String id = user(unique("etag"));
        HttpResponse<String> got = scim.send("GET", "/Users/" + id, null);
        String etag = got.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("W/\"1\"");
        String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"One\"}]}";
        HttpResponse<String> ok = scim.send("PATCH", "/Users/" + id, patch, "If-Match", etag);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("ETag")).hasValue("W/\"2\"");
        assertError(scim.send("PATCH", "/Users/" + id, patch, "If-Match", etag), 412, null);
        assertError(scim.send("DELETE", "/Users/" + id, null, "If-Match", etag), 412, null);
        assertThat(scim.send("DELETE", "/Users/" + id, null, "If-Match", "W/\"2\"").statusCode()).isEqualTo(204);
    }

    @Test
    void badInputIsRefusedInScimTerms() throws Exception {
        assertError(scim.send("POST", "/Users", "{not json"), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Users", "[]"), 400, "invalidSyntax");
        assertError(scim.send("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}"),
                400, "invalidValue");
        String name = unique("dup");
        user(name);
        assertError(scim.send("POST", "/Users", "{\"userName\":\"" + name.toUpperCase() + "\"}"), 409, "uniqueness");
        assertError(scim.send("POST", "/Users", "{\"userName\":\"x\",\"active\":\"maybe\"}"), 400, "invalidValue");
        assertError(scim.send("GET", "/Users?filter=" + Scim.query("shoeSize eq \"9\""), null), 400,
                "invalidFilter");
        assertError(scim.send("GET", "/Users?filter=" + Scim.query("userName eq"), null), 400, "invalidFilter");
        assertError(scim.send("GET", "/Users?filter=" + Scim.query("userName eq \"open"), null), 400,
                "invalidFilter");
        assertError(scim.send("GET", "/Users?filter=" + Scim.query("(userName eq \"a\""), null), 400,
                "invalidFilter");
        assertError(scim.send("GET", "/Users?startIndex=abc", null), 400, "invalidValue");
        assertError(scim.send("GET", "/Users/" + UUID.randomUUID(), null), 404, null);
        assertError(scim.send("PATCH", "/Users/" + user(unique("patch")), "{\"Operations\":[{\"op\":\"explode\"}]}"),
                400, "invalidSyntax");
        assertError(scim.send("PATCH", "/Users/" + user(unique("patch")), "{\"Operations\":[]}"), 400,
                "invalidSyntax");
        assertError(scim.send("PATCH", "/Users/" + user(unique("patch")),
                "{\"Operations\":[{\"op\":\"remove\"}]}"), 400, "noTarget");
        String group = scim.json("POST", "/Groups", "{\"displayName\":\"" + unique("grp") + "\"}", 201).path("id")
                .asText();
        assertError(scim.send("PATCH", "/Groups/" + group, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[{\"value\":\"" + UUID.randomUUID() + "\"}]}]}"), 400, "invalidValue");
        assertError(scim.send("POST", "/Groups", "{\"displayName\":\"Administrator\"}"), 400, "invalidValue");
    }

    @Test
    void scimCallsAreAuditedWithTheToken() throws Exception {
        String name = unique("audited");
        String id = user(name);
        CloudTrailClient cloudTrail = CloudTrail.admin();
        var events = cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue("arn:aws:identitystore:::user/" + id)))
                .events();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("CreateUser");
            assertThat(e.eventSource()).isEqualTo("identitystore.amazonaws.com");
            assertThat(e.cloudTrailEvent()).contains("ScimAccessToken/").contains("SCIM")
                    .doesNotContain(scim.token());
        });
    }
}
