package io.gatehouse.audit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.RandomEvents;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.internal.chain.Chain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudTrailJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The StartLogging record from CloudTrail's "log event reference" page, with our event version,
     * a well-formed eventID and without tlsDetails, which this model does not carry.
     */
    private static final String DOCUMENTED_RECORD = """
            {
              "eventVersion": "1.10",
              "userIdentity": {
                "type": "IAMUser",
                "principalId": "EXAMPLE6E4XEGITWATV6R",
                "arn": "arn:aws:iam::123456789012:user/Mary_Major",
                "accountId": "123456789012",
                "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                "userName": "Mary_Major",
                "sessionContext": {
                  "attributes": {
                    "creationDate": "2023-07-19T21:11:57Z",
                    "mfaAuthenticated": "false"
                  }
                }
              },
              "eventTime": "2023-07-19T21:33:41Z",
              "eventSource": "cloudtrail.amazonaws.com",
              "eventName": "StartLogging",
              "awsRegion": "us-east-1",
              "sourceIPAddress": "192.0.2.0",
              "userAgent": "aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255-314-253.539.amzn2.x86_64 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/cloudtrail.start-logging",
              "requestParameters": {
                "name": "myTrail"
              },
              "responseElements": null,
              "requestID": "9d478fc1-4f10-490f-a26b-EXAMPLE0e932",
              "eventID": "eae87c48-d421-4626-94f5-0000ac994aaa",
              "readOnly": false,
              "eventType": "AwsApiCall",
              "managementEvent": true,
              "recipientAccountId": "123456789012",
              "eventCategory": "Management",
              "sessionCredentialFromConsole": "true"
            }
            """;

    @Test
    void writesTheDocumentedRecord() throws Exception {
        String written = CloudTrailJson.write(Events.startLogging().build());

        assertThat(MAPPER.readTree(written)).isEqualTo(MAPPER.readTree(DOCUMENTED_RECORD));
        // CloudTrail's fields, in the hash chain's canonical form rather than CloudTrail's order.
        assertThat(written).isEqualTo(new String(Chain.canonical(Chain.parse(DOCUMENTED_RECORD)), UTF_8));
        assertThat(written).startsWith("{\"awsRegion\":\"us-east-1\",\"eventCategory\":\"Management\",")
                .endsWith(",\"userName\":\"Mary_Major\"}}");
    }

    /**
     * The relay hashes stored records without parsing them ({@code Chain.prepareCanonical}): that is
     * only right if every record is written exactly as the chain's canonical JSON of itself.
     */
    @Test
    void writesEveryEventAsItsCanonicalJson() {
        int checked = 0;
        for (AuditEvent event : RandomEvents.events(20261124L, 3_000)) {
            String written = CloudTrailJson.write(event);
            assertThat(written.getBytes(UTF_8)).as(written).isEqualTo(Chain.canonical(Chain.parse(written)));
            checked++;
        }
        assertThat(checked).isEqualTo(3_000);
    }

    @Test
    void sortsMembersByNameAtEveryDepth() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("\ud83d\ude00", 2); // a surrogate pair: before U+FF01 by UTF-16 code unit, after it by code point
        inner.put("\uff01", 3);
        inner.put("a", Map.of());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("userName", "bob");
        parameters.put("tags", List.of(inner, List.of()));
        parameters.put("Path", "/");

        String written = CloudTrailJson.write(Events.createUser().requestParameters(parameters).build());

        assertThat(written).contains("\"requestParameters\":{\"Path\":\"/\",\"tags\":[{\"a\":{},\"z\":1,"
                + "\"\\uD83D\\uDE00\":2,\"\uff01\":3},[]],\"userName\":\"bob\"}");
        JsonNode tree = MAPPER.readTree(written);
        assertThat(fieldNames(tree)).isSorted();
        assertThat(fieldNames(tree.get("userIdentity").get("sessionContext").get("sessionIssuer"))).isSorted();
    }

    /**
     * The chain reads a stored number back as Jackson's default mapper does: a BigDecimal is written
     * as what that reads back, so that writing the record again gives the same text.
     */
    @Test
    void writesNumbersAsTheChainReadsThemBack() {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("a", new BigDecimal("1.50"));
        numbers.put("b", new BigDecimal("1E+3"));
        numbers.put("c", new BigDecimal("150")); // Jackson makes it 1.5E+2, which reads back as a double
        numbers.put("d", Double.NaN);
        numbers.put("e", -0.0);
        numbers.put("f", new BigInteger("123456789012345678901234567890"));

        String written = CloudTrailJson.write(Events.createUser().additionalEventData(numbers).build());

        assertThat(written).contains("\"additionalEventData\":{\"a\":1.5,\"b\":1000.0,\"c\":150.0,\"d\":\"NaN\","
                + "\"e\":-0.0,\"f\":123456789012345678901234567890}");
    }

    @Test
    void readsTheDocumentedRecord() {
        assertThat(CloudTrailJson.parse(DOCUMENTED_RECORD)).isEqualTo(Events.startLogging().build());
    }

    @Test
    void writesRoleSessionsAsCloudTrailDoes() {
        JsonNode identity = CloudTrailJson.toTree(Events.createUser().build()).get("userIdentity");

        assertThat(identity.get("type").asText()).isEqualTo("AssumedRole");
        assertThat(identity.has("userName")).isFalse();
        JsonNode context = identity.get("sessionContext");
        assertThat(fieldNames(context)).containsExactly("attributes", "sessionIssuer", "sourceIdentity");
        assertThat(fieldNames(context.get("sessionIssuer")))
                .containsExactly("accountId", "arn", "principalId", "type", "userName");
        assertThat(context.get("sessionIssuer").get("type").asText()).isEqualTo("Role");
        assertThat(context.get("attributes").get("creationDate").asText()).isEqualTo("2026-11-23T07:55:00Z");
        assertThat(context.get("attributes").get("mfaAuthenticated").isTextual()).isTrue();
        assertThat(context.get("attributes").get("mfaAuthenticated").asText()).isEqualTo("true");
        assertThat(context.get("sourceIdentity").asText()).isEqualTo("Admin");
    }

    @Test
    void writesResourcesWithUpperCaseArn() {
        JsonNode resource = CloudTrailJson.toTree(Events.createUser().build()).get("resources").get(0);

        assertThat(fieldNames(resource)).containsExactly("ARN", "accountId", "type");
        assertThat(resource.get("ARN").asText()).isEqualTo("arn:aws:iam::123456789012:user/bob");
        assertThat(resource.get("type").asText()).isEqualTo("AWS::IAM::User");
    }

    @Test
    void omitsAbsentFieldsButWritesNullParametersAndResponse() {
        AuditEvent minimal = AuditEvent.builder()
                .userIdentity(UserIdentity.builder(UserIdentity.Type.AWS_SERVICE).invokedBy("sts.amazonaws.com").build())
                .eventTime(Events.TIME)
                .eventSource("sts.amazonaws.com")
                .eventName("GetCallerIdentity")
                .awsRegion("us-east-1")
                .recipientAccountId("123456789012")
                .readOnly(true)
                .build();

        JsonNode tree = CloudTrailJson.toTree(minimal);

        assertThat(fieldNames(tree)).containsExactly("awsRegion", "eventCategory", "eventID", "eventName",
                "eventSource", "eventTime", "eventType", "eventVersion", "managementEvent", "readOnly",
                "recipientAccountId", "requestParameters", "responseElements", "userIdentity");
        assertThat(tree.get("requestParameters").isNull()).isTrue();
        assertThat(tree.get("responseElements").isNull()).isTrue();
        assertThat(fieldNames(tree.get("userIdentity"))).containsExactly("invokedBy", "type");
        assertThat(tree.get("eventTime").asText()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(tree.get("eventVersion").asText()).isEqualTo("1.10");
        assertThat(tree.get("eventID").asText()).hasSize(36);
    }

    @Test
    void writesErrors() {
        JsonNode tree = CloudTrailJson.toTree(Events.createUser()
                .errorCode("AccessDenied")
                .errorMessage("User: arn:aws:sts::123456789012:assumed-role/RoleToBeAssumed/MySessionName"
                        + " is not authorized to perform: iam:CreateUser")
                .responseElements(null)
                .build());

        assertThat(tree.get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(tree.get("errorMessage").asText()).endsWith("is not authorized to perform: iam:CreateUser");
        assertThat(tree.get("responseElements").isNull()).isTrue();
        assertThat(fieldNames(tree)).isSorted();
    }

    @Test
    void roundTripsEveryField() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1, 2.5, "three", null, true, Map.of("deep", List.of())));
        nested.put("nothing", null);
        nested.put("big", Long.MAX_VALUE);
        AuditEvent event = Events.createUser()
                .eventTime(Instant.parse("2026-11-23T08:00:00.987654Z"))
                .errorCode("EntityAlreadyExists")
                .errorMessage("User with name bob already exists.")
                .additionalEventData(Map.of("nested", nested, "when", Instant.parse("2026-11-23T08:00:00Z")))
                .readOnly(true)
                .managementEvent(false)
                .eventCategory(AuditEvent.Category.DATA)
                .eventType(AuditEvent.EventType.AWS_CONSOLE_SIGN_IN)
                .sessionCredentialFromConsole(false)
                .build();

        AuditEvent back = CloudTrailJson.parse(CloudTrailJson.write(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.eventTime()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(back.additionalEventData().get("when")).isEqualTo("2026-11-23T08:00:00Z");
    }

    @Test
    void readsCloudTrailBooleansWrittenEitherWay() {
        String record = DOCUMENTED_RECORD
                .replace("\"mfaAuthenticated\": \"false\"", "\"mfaAuthenticated\": true")
                .replace("\"sessionCredentialFromConsole\": \"true\"", "\"sessionCredentialFromConsole\": false");

        AuditEvent event = CloudTrailJson.parse(record);

        assertThat(event.userIdentity().sessionContext().attributes().mfaAuthenticated()).isTrue();
        assertThat(event.sessionCredentialFromConsole()).isFalse();
    }

    @Test
    void ignoresFieldsTheModelDoesNotCarry() {
        String record = DOCUMENTED_RECORD.replace("\"eventCategory\": \"Management\",", """
                "eventCategory": "Management",
                "tlsDetails": {"tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256"},
                """);

        assertThat(CloudTrailJson.parse(record)).isEqualTo(Events.startLogging().build());
    }

    @Test
    void refusesRecordsItCannotRead() {
        assertThatThrownBy(() -> CloudTrailJson.parse("not json")).isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> CloudTrailJson.parse("[]")).isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> CloudTrailJson.parse(DOCUMENTED_RECORD.replace("IAMUser", "Martian")))
                .isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> CloudTrailJson.parse(DOCUMENTED_RECORD.replace("\"eventTime\": ", "\"when\": ")))
                .isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> CloudTrailJson.parse(DOCUMENTED_RECORD.replace("\"false\"", "\"maybe\"")))
                .isInstanceOf(AuditException.class);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
