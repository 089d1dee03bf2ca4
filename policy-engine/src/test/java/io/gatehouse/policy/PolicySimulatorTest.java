package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON-lines codec, as documented on {@link PolicySimulator}. */
class PolicySimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicySimulator SIM = PolicySimulator.create();
    private static final String USER = "arn:aws:iam::111122223333:user/alice";
    private static final String ALLOW_S3 =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"S3\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final String REQUEST = "{\"principalArn\":\"" + USER
            + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}";

    private static JsonNode run(String caseJson) throws Exception {
        String line = SIM.simulate(caseJson);
        assertThat(line).doesNotContain("\n");
        return JSON.readTree(line);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void documentsAsObjects() throws Exception {
        JsonNode out = run("{\"policies\":{\"identity\":[" + ALLOW_S3 + "]},\"request\":" + REQUEST + "}");
        assertThat(fieldNames(out)).containsExactly("decision", "matched", "reason");
        assertThat(out.get("decision").asText()).isEqualTo("allowed");
        JsonNode m = out.get("matched").get(0);
        assertThat(fieldNames(m)).containsExactly("policy", "statement", "sid", "effect");
        assertThat(m.get("policy").asText()).isEqualTo("identity[0]");
        assertThat(m.get("statement").asInt()).isEqualTo(0);
        assertThat(m.get("sid").asText()).isEqualTo("S3");
        assertThat(m.get("effect").asText()).isEqualTo("Allow");
        assertThat(out.get("reason").asText()).isNotBlank();
    }

    @Test
    void documentsAsStrings() throws Exception {
        JsonNode out = run("{\"policies\":{\"identity\":[" + JSON.writeValueAsString(ALLOW_S3) + "]},\"request\":"
                + REQUEST + "}");
        assertThat(out.get("decision").asText()).isEqualTo("allowed");
    }

    @Test
    void matchedWithoutSidOmitsTheField() throws Exception {
        JsonNode out = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "]},\"request\":" + REQUEST + "}");
        assertThat(fieldNames(out.get("matched").get(0))).containsExactly("policy", "statement", "effect");
    }

    @Test
    void implicitAndExplicitDenyWireNames() throws Exception {
        JsonNode none = run("{\"policies\":{},\"request\":" + REQUEST + "}");
        assertThat(none.get("decision").asText()).isEqualTo("implicitDeny");
        assertThat(none.get("matched")).isEmpty();
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
        JsonNode denied = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "," + deny + "]},\"request\":" + REQUEST + "}");
        assertThat(denied.get("decision").asText()).isEqualTo("explicitDeny");
        assertThat(denied.get("matched").get(0).get("policy").asText()).isEqualTo("identity[1]");
        assertThat(denied.get("matched").get(0).get("effect").asText()).isEqualTo("Deny");
    }

    @Test
    void scpLevelsAsADocumentOrAnArray() throws Exception {
        String ec2Only = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}}";
        JsonNode out = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "],\"scp\":[" + ALLOW_ALL + ",[" + ec2Only + ","
                + ALLOW_S3 + "]]},\"request\":" + REQUEST + "}");
        assertThat(out.get("decision").asText()).isEqualTo("allowed");
        List<String> labels = new ArrayList<>();
        out.get("matched").forEach(m -> labels.add(m.get("policy").asText()));
        assertThat(labels).contains("scp[0][0]", "scp[1][1]", "identity[0]");

        JsonNode blocked = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "],\"scp\":[" + ALLOW_ALL + ",[" + ec2Only
                + "]]},\"request\":" + REQUEST + "}");
        assertThat(blocked.get("decision").asText()).isEqualTo("implicitDeny");
        assertThat(blocked.get("reason").asText()).contains("level 1");
    }

    @Test
    void sessionAndBoundaryAndResource() throws Exception {
        String session = "arn:aws:sts::111122223333:assumed-role/app/s1";
        String req = "{\"principalArn\":\"" + session + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}";
        JsonNode emptySession = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "],\"session\":[]},\"request\":" + req + "}");
        assertThat(emptySession.get("decision").asText()).isEqualTo("implicitDeny");
        JsonNode nullSession = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "],\"session\":null,\"boundary\":"
                + ALLOW_S3 + "},\"request\":" + req + "}");
        assertThat(nullSession.get("decision").asText()).isEqualTo("allowed");
        String resource = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + USER
                + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}";
        JsonNode viaResource = run("{\"policies\":{\"resource\":" + resource + "},\"request\":" + REQUEST + "}");
        assertThat(viaResource.get("decision").asText()).isEqualTo("allowed");
        assertThat(viaResource.get("matched").get(0).get("policy").asText()).isEqualTo("resource");
    }

    @Test
    void contextValuesAndResourceAccount() throws Exception {
        String conditional = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]},\"NumericLessThan\":{\"s3:max-keys\":10}}}}";
        String req = "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\","
                + "\"context\":{\"aws:TagKeys\":[\"a\"],\"s3:max-keys\":5}}";
        assertThat(run("{\"policies\":{\"identity\":[" + conditional + "]},\"request\":" + req + "}").get("decision")
                .asText()).isEqualTo("allowed");
        String cross = "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\","
                + "\"resourceAccount\":\"444455556666\"}";
        JsonNode out = run("{\"policies\":{\"identity\":[" + ALLOW_ALL + "]},\"request\":" + cross + "}");
        assertThat(out.get("decision").asText()).isEqualTo("implicitDeny");
        assertThat(out.get("reason").asText()).contains("444455556666");
    }

    private static void assertError(JsonNode out, String code) {
        assertThat(fieldNames(out)).containsExactly("error");
        assertThat(fieldNames(out.get("error"))).containsExactly("code", "message");
        assertThat(out.get("error").get("code").asText()).isEqualTo(code);
        assertThat(out.get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void badJsonLineIsInvalidInput() throws Exception {
        for (String bad : new String[] {"{", "not json", "", "[]", "42", "{\"policies\":{}}", "{\"request\":" + REQUEST + "}",
            "{\"policies\":[],\"request\":" + REQUEST + "}", "{\"policies\":{}, \"request\":" + REQUEST + "} trailing"}) {
            assertError(run(bad), "InvalidInput");
        }
    }

    @Test
    void malformedPolicyIsReportedWithItsLabel() throws Exception {
        String bad = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
        JsonNode out = run("{\"policies\":{\"identity\":[" + bad + "]},\"request\":" + REQUEST + "}");
        assertError(out, "MalformedPolicyDocument");
        assertThat(out.get("error").get("message").asText()).startsWith("identity[0]: Statement[0]").contains("Effect");

        JsonNode scp = run("{\"policies\":{\"scp\":[" + ALLOW_ALL + ",[" + ALLOW_ALL + "," + bad + "]]},\"request\":"
                + REQUEST + "}");
        assertError(scp, "MalformedPolicyDocument");
        assertThat(scp.get("error").get("message").asText()).startsWith("scp[1][1]: ");

        JsonNode stringDoc = run("{\"policies\":{\"session\":[\"{not json\"]},\"request\":" + REQUEST + "}");
        assertError(stringDoc, "MalformedPolicyDocument");
        assertThat(stringDoc.get("error").get("message").asText()).startsWith("session[0]: ");
    }

    @Test
    void policyIsValidatedAsItsKind() throws Exception {
        // a resource policy without Principal is refused as RESOURCE
        JsonNode out = run("{\"policies\":{\"resource\":" + ALLOW_ALL + "},\"request\":" + REQUEST + "}");
        assertError(out, "MalformedPolicyDocument");
        assertThat(out.get("error").get("message").asText()).startsWith("resource: ");
    }

    @Test
    void badRequestFieldsAreInvalidInput() throws Exception {
        String[] requests = {
            "{\"principalArn\":\"alice\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}",
            "{\"principalArn\":\"arn:aws:iam::1234:user/alice\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}",
            "{\"action\":\"s3:GetObject\",\"resource\":\"*\"}",
            "{\"principalArn\":\"" + USER + "\",\"resource\":\"*\"}",
            "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\"}",
            "{\"principalArn\":\"" + USER + "\",\"action\":5,\"resource\":\"*\"}",
            "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\",\"resource\":\"*\",\"resourceAccount\":\"abc\"}",
            "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\",\"resource\":\"*\",\"context\":[]}",
            "{\"principalArn\":\"" + USER + "\",\"action\":\"s3:GetObject\",\"resource\":\"*\",\"context\":{\"k:v\":{}}}",
        };
        for (String request : requests) {
            JsonNode out = run("{\"policies\":{},\"request\":" + request + "}");
            assertError(out, "InvalidInput");
        }
        JsonNode badArn = run("{\"policies\":{},\"request\":{\"principalArn\":\"alice\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}}");
        assertThat(badArn.get("error").get("message").asText()).contains("principalArn");
    }

    @Test
    void nonObjectPolicyDocumentIsInvalidInput() throws Exception {
        assertError(run("{\"policies\":{\"identity\":[42]},\"request\":" + REQUEST + "}"), "InvalidInput");
        assertError(run("{\"policies\":{\"identity\":" + ALLOW_ALL + "},\"request\":" + REQUEST + "}"), "InvalidInput");
    }

    @Test
    void repeatedCasesGiveTheSameAnswer() {
        String c = "{\"policies\":{\"identity\":[" + ALLOW_S3 + "]},\"request\":" + REQUEST + "}";
        String first = SIM.simulate(c);
        for (int i = 0; i < 5; i++) {
            assertThat(SIM.simulate(c)).isEqualTo(first);
        }
    }
}
