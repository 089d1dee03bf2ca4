package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.UserIdentity;
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
        JsonNode written = MAPPER.readTree(CloudTrailJson.write(Events.startLogging().build()));

        assertThat(written).isEqualTo(MAPPER.readTree(DOCUMENTED_RECORD));
        // CloudTrail's field order, not only its fields.
        assertThat(fieldNames(written)).containsExactlyElementsOf(fieldNames(MAPPER.readTree(DOCUMENTED_RECORD)));
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
        assertThat(fieldNames(context)).containsExactly("sessionIssuer", "attributes", "sourceIdentity");
        assertThat(fieldNames(context.get("sessionIssuer")))
                .containsExactly("type", "principalId", "arn", "accountId", "userName");
        assertThat(context.get("sessionIssuer").get("type").asText()).isEqualTo("Role");
        assertThat(context.get("attributes").get("creationDate").asText()).isEqualTo("2026-11-23T07:55:00Z");
        assertThat(context.get("attributes").get("mfaAuthenticated").isTextual()).isTrue();
        assertThat(context.get("attributes").get("mfaAuthenticated").asText()).isEqualTo("true");
        assertThat(context.get("sourceIdentity").asText()).isEqualTo("Admin");
    }

    @Test
    void writesResourcesWithUpperCaseArn() {
        JsonNode resource = CloudTrailJson.toTree(Events.createUser().build()).get("resources").get(0);

        assertThat(fieldNames(resource)).containsExactly("accountId", "type", "ARN");
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

        assertThat(fieldNames(tree)).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource",
                "eventName", "awsRegion", "requestParameters", "responseElements", "eventID", "readOnly", "eventType",
                "managementEvent", "recipientAccountId", "eventCategory");
        assertThat(tree.get("requestParameters").isNull()).isTrue();
        assertThat(tree.get("responseElements").isNull()).isTrue();
        assertThat(fieldNames(tree.get("userIdentity"))).containsExactly("type", "invokedBy");
        assertThat(tree.get("eventTime").asText()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(tree.get("eventVersion").asText()).isEqualTo("1.10");
        assertThat(tree.get("eventID").asText()).hasSize(36);
    }

    @Test
    void writesErrorsBeforeParametersAsCloudTrailDoes() {
        JsonNode tree = CloudTrailJson.toTree(Events.createUser()
                .errorCode("AccessDenied")
                .errorMessage("User: arn:aws:sts::123456789012:assumed-role/RoleToBeAssumed/MySessionName"
                        + " is not authorized to perform: iam:CreateUser")
                .responseElements(null)
                .build());

        List<String> names = fieldNames(tree);
        assertThat(names.indexOf("errorCode")).isEqualTo(names.indexOf("userAgent") + 1);
        assertThat(names.indexOf("errorMessage")).isEqualTo(names.indexOf("errorCode") + 1);
        assertThat(names.indexOf("requestParameters")).isEqualTo(names.indexOf("errorMessage") + 1);
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
