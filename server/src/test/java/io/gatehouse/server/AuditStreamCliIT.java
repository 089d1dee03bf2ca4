package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditStreams;
import io.gatehouse.testing.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" for the audit stream, end to end with the packaged server: the unmodified
 * AWS CLI runs the IAM and STS scenario against {@code ./gatehouse start} (embedded H2) publishing
 * to a real Kafka broker; a consumer reading the topic from the beginning finds every recorded call
 * (the topic's events are exactly the database's), and {@code ./gatehouse audit validate} proves
 * the stream untampered.
 */
class AuditStreamCliIT {
    private static final String KEY_ID = "AKIAGATEHOUSEAUDITIT";
    private static final String SECRET = "cli/audit/secret/0123456789abcdefghijklm";
    private static final String TOPIC = "cli-audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void everyCallOfTheCliScenarioIsOnTheTopicAndTheStreamValidates() throws Exception {
        try (KafkaBroker broker = KafkaBroker.launch()) {
            Set<String> topicEvents = new HashSet<>();
            try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir, "--bootstrap-admin-access-key-id",
                    KEY_ID, "--bootstrap-admin-secret-access-key", SECRET, "--bootstrap-admin-password",
                    "Audit-Cli-Pw-1", "--kafka-bootstrap-servers", broker.bootstrapServers(), "--audit-topic", TOPIC,
                    "--audit-partitions", "3", "--audit-replication-factor", "1", "--audit-min-insync-replicas",
                    "1")) {
                runScenario(gatehouse);
                awaitEverythingPublished(gatehouse);

                List<String> records = AuditStreams.readTopic(broker.bootstrapServers(), TOPIC, Duration.ofSeconds(30));
                Set<String> names = new HashSet<>();
                for (String record : records) {
                    JsonNode node = JSON.readTree(record);
                    if (!"GatehouseDigest".equals(node.path("eventType").asText())) {
                        topicEvents.add(node.path("eventID").asText());
                        names.add(node.path("eventName").asText());
                    }
                    assertThat(record).doesNotContain(SECRET);
                }
                assertThat(names).contains("CreateUser", "CreateGroup", "AddUserToGroup", "CreatePolicy",
                        "AttachGroupPolicy", "CreateRole", "CreateAccessKey", "ListUsers", "PutUserPolicy",
                        "UpdateAssumeRolePolicy", "GetCallerIdentity", "AssumeRole", "LookupEvents");

                // The launcher's own validate command, as an operator runs it.
                Process validate = new ProcessBuilder(LaunchedGatehouse.repositoryRoot().resolve("gatehouse").toString(),
                        "audit", "validate", "--keys", gatehouse.url() + "/.well-known/gatehouse-audit-keys",
                        "--bootstrap-servers", broker.bootstrapServers(), "--topic", TOPIC)
                        .directory(LaunchedGatehouse.repositoryRoot().toFile()).redirectErrorStream(true).start();
                String report = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(validate.exitValue()).as(report).isZero();
                assertThat(report).contains("OK");
            }
            // The server is stopped: its database file can be opened. Every event it recorded is on the topic.
            Set<String> recorded = new HashSet<>();
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("gatehouse")
                    + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "", "");
                    ResultSet rows = connection.createStatement().executeQuery("SELECT event_id FROM aud_outbox")) {
                while (rows.next()) {
                    recorded.add(rows.getString(1));
                }
            }
            assertThat(recorded).hasSizeGreaterThanOrEqualTo(20); // the scenario makes 21 calls
            assertThat(topicEvents).containsAll(recorded);
        }
    }

    private void runScenario(LaunchedGatehouse gatehouse) throws Exception {
        String output = gatehouse.runCliScenario(dataDir, "/cli/iam-scenario.sh", KEY_ID, SECRET);
        assertThat(output).contains("SCENARIO OK");
    }

    // The relay's health reports what is not on Kafka yet, refreshed every 2 s; wait for none, twice
    // in a row 2.5 s apart (so the figure postdates the last call), with Kafka up.
    private static void awaitEverythingPublished(LaunchedGatehouse gatehouse) throws Exception {
        awaitNoneUnpublished(gatehouse);
        Thread.sleep(2_500);
        awaitNoneUnpublished(gatehouse);
    }

    private static void awaitNoneUnpublished(LaunchedGatehouse gatehouse) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create(gatehouse.url() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode check = findCheck(JSON.readTree(body), "audit-relay");
            if (check != null && check.path("data").path("unpublished").asLong(-1) == 0
                    && "ok".equals(check.path("data").path("state").asText())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the audit relay did not catch up in time: " + body);
    }

    private static JsonNode findCheck(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        return null;
    }
}
