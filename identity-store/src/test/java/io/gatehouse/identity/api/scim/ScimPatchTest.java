package io.gatehouse.identity.api.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** PATCH operations on a user's representation, in the forms Okta, Entra and Google send. */
class ScimPatchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode user() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"userName":"jane","active":true,"name":{"givenName":"Jane","familyName":"Doe"},
                 "emails":[{"value":"jane@example.com","type":"work","primary":true}]}""");
    }

    private static void patch(ObjectNode doc, String operations) throws Exception {
        for (JsonNode op : ScimPatch.operations(MAPPER.readTree(operations))) {
            ScimPatch.apply(doc, ScimPatch.op(op), op.hasNonNull("path") ? op.get("path").asText() : null,
                    op.get("value"));
        }
    }

    @Test
    void oktaReplacesWithoutAPath() throws Exception {
        ObjectNode doc = user();
        patch(doc, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        assertThat(ScimPatch.bool(doc.get("active"))).isFalse();
    }

    @Test
    void entraSendsStringBooleansAndCapitalisedOps() throws Exception {
        ObjectNode doc = user();
        patch(doc, "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}");
        assertThat(ScimPatch.bool(doc.get("active"))).isFalse();
    }

    @Test
    void filteredPathsChangeTheMatchingElementOrCreateIt() throws Exception {
        ObjectNode doc = user();
        patch(doc, "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                + "\"value\":\"new@example.com\"},{\"op\":\"Add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"]"
                + ".value\",\"value\":\"+1 555\"}]}");
        assertThat(doc.path("emails")).hasSize(1);
        assertThat(doc.path("emails").get(0).path("value").asText()).isEqualTo("new@example.com");
        assertThat(doc.path("emails").get(0).path("primary").asBoolean()).isTrue();
        assertThat(doc.path("phoneNumbers").get(0).path("type").asText()).isEqualTo("mobile");
        assertThat(doc.path("phoneNumbers").get(0).path("value").asText()).isEqualTo("+1 555");
    }

    @Test
    void subAttributesAndUrnPathsAndRemovals() throws Exception {
        ObjectNode doc = user();
        patch(doc, """
                {"Operations":[{"op":"replace","path":"name.familyName","value":"Smith"},
                 {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                  "value":"Sales"},
                 {"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:displayName","value":"J"},
                 {"op":"remove","path":"emails[type eq \\"work\\"]"}]}""");
        assertThat(doc.path("name").path("familyName").asText()).isEqualTo("Smith");
        assertThat(doc.path("name").path("givenName").asText()).isEqualTo("Jane");
        assertThat(doc.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("department")
                .asText()).isEqualTo("Sales");
        assertThat(doc.path("displayName").asText()).isEqualTo("J");
        assertThat(doc.path("emails")).isEmpty();
    }

    @Test
    void malformedOperationsAreRefusedWithScimTypes() {
        assertThat(catchThrowableOfType(ScimException.class, () -> ScimPatch.operations(MAPPER.readTree("{}")))
                .scimType()).isEqualTo("invalidSyntax");
        assertThat(catchThrowableOfType(ScimException.class, () -> patch(user(),
                "{\"Operations\":[{\"op\":\"remove\"}]}")).scimType()).isEqualTo("noTarget");
        assertThat(catchThrowableOfType(ScimException.class, () -> patch(user(),
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":1}]}"))
                .scimType()).isEqualTo("invalidPath");
        assertThat(catchThrowableOfType(ScimException.class, () -> ScimPatch.bool(MAPPER.valueToTree("yes")))
                .scimType()).isEqualTo("invalidValue");
    }
}
