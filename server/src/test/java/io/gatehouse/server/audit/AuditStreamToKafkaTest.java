package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.AuditStreams;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.server.cli.AuditCommand;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.testing.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A scripted IAM and STS session against the application on MariaDB with a real Kafka broker: every
 * call appears exactly once on the topic after de-duplication, in its account's order, with the
 * right fields; calls go on while the broker is away and nothing is lost; a rolled-back change
 * leaves no event; {@code gatehouse audit validate} accepts the stream and names tampering.
 */
@QuarkusTest
@TestProfile(AuditKafkaProfile.class)
class AuditStreamToKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "audit-under-test";

    @Inject
    AuditLog auditLog;

    /** A call made, with what its record must say. */
    private record Call(String requestId, String eventName, String eventSource, String errorCode) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Test
    void everyCallOnceInOrderNothingLostAndTheStreamValidates() throws Exception {
        IamClient admin = Iam.admin();
        String userName = Iam.name("audited");
        call("CreateUser", "iam", () -> admin.createUser(r -> r.userName(userName)));
        AccessKey key = call("CreateAccessKey", "iam", () -> admin.createAccessKey(r -> r.userName(userName))).accessKey();
        call("PutUserPolicy", "iam", () -> admin.putUserPolicy(r -> r.userName(userName).policyName("whoami")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}}")));
        call("GetUser", "iam", () -> admin.getUser(r -> r.userName(userName)));
        failingCall("CreateUser", "iam", "EntityAlreadyExists", () -> admin.createUser(r -> r.userName(userName)));
        StsClient sts = StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build();
        call("GetCallerIdentity", "sts", sts::getCallerIdentity);
        call("GetSessionToken", "sts", () -> sts.getSessionToken(r -> r.durationSeconds(900)));
        failingCall("ListUsers", "iam", "AccessDenied",
                () -> Iam.client(key.accessKeyId(), key.secretAccessKey()).listUsers());

        // A change that rolls back leaves no event.
        String rolledBack = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        auditLog.record(AuditEvent.builder().eventID(rolledBack).userIdentity(UserIdentity.builder(
                        UserIdentity.Type.ROOT).build()).eventTime(Instant.now()).eventSource("iam.amazonaws.com")
                .eventName("CreateUser").awsRegion("us-east-1").recipientAccountId("000000000000").build());
        QuarkusTransaction.rollback();

        awaitOnTopic();

        // Kafka goes away: calls go on, health says degraded (not down), nothing is lost.
        KafkaTestResource.broker().stop();
        try {
            for (int i = 0; i < 5; i++) {
                call("ListUsers", "iam", admin::listUsers);
            }
            call("DeleteUserPolicy", "iam", () -> admin.deleteUserPolicy(r -> r.userName(userName).policyName("whoami")));
            awaitHealth("degraded");
            assertThat(RestAssured.get("/q/metrics").asString()).contains("gatehouse_audit_outbox_unpublished");
        } finally {
            KafkaTestResource.broker().restart();
        }
        call("GetUser", "iam", () -> admin.getUser(r -> r.userName(userName)));
        List<String> records = awaitOnTopic();
        awaitHealth("ok");

        Map<String, JsonNode> byRequest = new HashMap<>();
        Map<String, JsonNode> distinct = new LinkedHashMap<>();
        for (String record : records) {
            JsonNode node = JSON.readTree(record);
            distinct.putIfAbsent(node.path("eventID").asText(), node);
        }
        // After de-duplication by eventID each account's records are its chain 1..n, in topic order.
        Map<String, Long> lastSeq = new HashMap<>();
        for (JsonNode node : distinct.values()) {
            assertThat(node.path("eventID").asText()).isNotEqualTo(rolledBack);
            if ("GatehouseDigest".equals(node.path("eventType").asText())) {
                continue;
            }
            String account = node.path("recipientAccountId").asText();
            long seq = node.path("gatehouseIntegrity").path("sequenceNumber").asLong();
            assertThat(seq).as("next in the chain of %s", account).isEqualTo(lastSeq.getOrDefault(account, 0L) + 1);
            lastSeq.put(account, seq);
            JsonNode earlier = byRequest.put(node.path("requestID").asText(), node);
            assertThat(earlier).as("one event per request %s", node.path("requestID").asText()).isNull();
        }
        long previousSeq = 0;
        for (Call call : calls) {
            JsonNode event = byRequest.get(call.requestId());
            assertThat(event).as("event of %s %s", call.eventName(), call.requestId()).isNotNull();
            assertThat(event.path("eventName").asText()).isEqualTo(call.eventName());
            assertThat(event.path("eventSource").asText()).isEqualTo(call.eventSource() + ".amazonaws.com");
            assertThat(event.path("eventVersion").asText()).isEqualTo("1.10");
            assertThat(event.path("errorCode").asText(null)).isEqualTo(call.errorCode());
            assertThat(event.path("userIdentity").path("type").asText()).isIn("IAMUser", "Root");
            assertThat(record(event)).doesNotContain(key.secretAccessKey());
            long seq = event.path("gatehouseIntegrity").path("sequenceNumber").asLong();
            assertThat(seq).as("calls in order").isGreaterThan(previousSeq);
            previousSeq = seq;
        }

        // gatehouse audit validate: the topic is clean; a tampered export is named.
        String keysUrl = Iam.endpoint() + "/.well-known/gatehouse-audit-keys";
        assertThat(RestAssured.get("/.well-known/gatehouse-audit-keys").jsonPath().getList("keys")).isNotEmpty();
        Result topicCheck = validate("--keys", keysUrl, "--bootstrap-servers",
                KafkaTestResource.broker().bootstrapServers(), "--topic", TOPIC);
        assertThat(topicCheck.exit()).as(topicCheck.out()).isZero();
        assertThat(topicCheck.out()).contains("OK");

        Path keys = Files.createTempFile("keys", ".json");
        Files.writeString(keys, RestAssured.get("/.well-known/gatehouse-audit-keys").asString());
        String victim = byRequest.get(calls.get(3).requestId()).path("eventID").asText();
        List<String> tampered = new ArrayList<>();
        for (String record : records) {
            tampered.add(record.contains(victim) ? record.replace("\"GetUser\"", "\"DeleteUser\"") : record);
        }
        Path file = Files.createTempFile("audit", ".jsonl");
        Files.write(file, tampered);
        Result fileCheck = validate("--keys", keys.toString(), "--file", file.toString());
        assertThat(fileCheck.exit()).isEqualTo(1);
        assertThat(fileCheck.out()).contains("ALTERED").contains(victim);
    }

    private <T extends AwsResponse> T call(String eventName, String service, Supplier<T> call) {
        T response = call.get();
        calls.add(new Call(response.responseMetadata().requestId(), eventName, service, null));
        return response;
    }

    private void failingCall(String eventName, String service, String errorCode, Runnable call) {
        try {
            call.run();
            throw new AssertionError(eventName + " should have failed");
        } catch (AwsServiceException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            calls.add(new Call(e.requestId(), eventName, service, errorCode));
        }
    }

    private List<String> awaitOnTopic() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> records = AuditStreams.readTopic(KafkaTestResource.broker().bootstrapServers(), TOPIC,
                    Duration.ofSeconds(30));
            String all = String.join("\n", records);
            if (calls.stream().allMatch(c -> all.contains("\"requestID\":\"" + c.requestId() + "\""))) {
                return records;
            }
            assertThat(System.nanoTime()).as("all calls on the topic in time").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void awaitHealth(String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var response = RestAssured.get("/q/health/ready");
            String body = response.asString();
            if (body.contains("\"state\": \"" + state + "\"") || body.contains("\"state\":\"" + state + "\"")) {
                assertThat(response.statusCode()).isEqualTo(200); // degraded is not down
                return;
            }
            assertThat(System.nanoTime()).as("health %s in time: %s", state, body).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static String record(JsonNode node) {
        return node.toString();
    }

    private record Result(int exit, String out) {
    }

    private static Result validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "validate";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = AuditCommand.run(full, System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
