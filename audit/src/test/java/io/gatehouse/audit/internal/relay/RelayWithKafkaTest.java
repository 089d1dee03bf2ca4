package io.gatehouse.audit.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.audit.AuditStreams;
import io.gatehouse.audit.ValidationReport;
import io.gatehouse.audit.examples.AuditConsumerExample;
import io.gatehouse.testing.KafkaBroker;
import io.gatehouse.testing.MariaDbDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The relay against a real Kafka broker and real MariaDB: nothing lost when the active relay dies
 * mid-batch or the broker goes away, every event once after de-duplication, in per-account order,
 * and the stream validates.
 */
class RelayWithKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333");

    private static KafkaBroker broker;
    private MariaDbDatabase database;
    private MariaDbDataSource dataSource;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.launch();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void createDatabase() throws Exception {
        database = MariaDbDatabase.create();
        dataSource = new MariaDbDataSource(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Outbox.migrate(dataSource);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void anotherRelayCompletesTheBatchOfOneThatDiedBeforeMarkingIt() throws Exception {
        String topic = "takeover";
        List<String> written = Outbox.write(dataSource, 350, ACCOUNTS);
        RelaySettings settings = Outbox.settings(Optional.of(broker.bootstrapServers()), topic, "a", Duration.ofSeconds(4));
        OutboxRelay first = Outbox.relay(dataSource, settings);
        OutboxRelay second = Outbox.relay(dataSource, settings.withHolder("b"));

        assertThat(first.lead()).isTrue();
        assertThat(first.seal()).isEqualTo(100);
        int acknowledged = first.send().size();
        while (first.hasInFlight()) {
            acknowledged += first.send().size();
        }
        assertThat(acknowledged).isEqualTo(100);
        assertThat(first.lead()).isTrue(); // renewed, as its loop would
        first.abandon(); // killed after Kafka acknowledged, before marking: the lease is still held

        assertThat(second.lead()).isFalse();
        assertThat(second.seal()).isEqualTo(-1); // no sealing without the lease
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!second.lead()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(200);
        }
        drain(second);
        assertThat(first.seal()).isEqualTo(-1); // the old holder cannot fork the chain

        List<String> records = AuditStreams.readTopic(broker.bootstrapServers(), topic, Duration.ofSeconds(30));
        assertThat(records).hasSizeGreaterThanOrEqualTo(written.size() + 100); // the 100 came twice
        assertExactlyOnceInOrder(records, written);
        ValidationReport report = AuditStreams.validate(records, Outbox.keysJson(dataSource));
        assertThat(report.problems()).isEmpty();
        assertThat(report.events()).isEqualTo(written.size());
        assertThat(report.digests()).isGreaterThanOrEqualTo(ACCOUNTS.size());
        second.close();

        // The consumer example of docs/audit.md sees each event once, its chain unbroken.
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AuditConsumerExample consumed = AuditConsumerExample.consume(broker.bootstrapServers(), topic,
                example -> System.nanoTime() > until || example.accepted().size() == written.size());
        assertThat(consumed.problems()).isEmpty();
        assertThat(consumed.accepted()).extracting(n -> n.path("eventID").asText())
                .containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void aFormerLeadersOpenBatchIsFencedAndNeverReachesConsumers() throws Exception {
        String topic = "zombie";
        List<String> written = Outbox.write(dataSource, 120, ACCOUNTS);
        RelaySettings settings = Outbox.settings(Optional.of(broker.bootstrapServers()), topic, "old", Duration.ofSeconds(4));
        // A former leader paused with a batch in hand: its records reach the broker, uncommitted.
        KafkaPublisher zombie = KafkaPublisher.open(settings);
        zombie.begin(List.of(new KafkaPublisher.Outgoing(1, 1, ACCOUNTS.get(0), "zombie-1", "CreateUser",
                "{\"eventID\":\"zombie-1\",\"recipientAccountId\":\"" + ACCOUNTS.get(0) + "\"}")), List.of());
        Thread.sleep(500);

        OutboxRelay successor = Outbox.relay(dataSource, settings.withHolder("new"));
        assertThat(successor.lead()).isTrue();
        drain(successor);
        assertThat(Outbox.unpublished(dataSource)).isZero();
        assertThatThrownBy(zombie::commit).isInstanceOf(PublishException.class); // fenced by the successor
        zombie.close();
        successor.close();

        List<String> records = AuditStreams.readTopic(broker.bootstrapServers(), topic, Duration.ofSeconds(30));
        assertThat(records).noneMatch(r -> r.contains("zombie-1"));
        assertExactlyOnceInOrder(records, written);
        assertThat(AuditStreams.validate(records, Outbox.keysJson(dataSource)).problems()).isEmpty();
    }

    @Test
    void lagCountsWhatIsNotOnKafkaAndRetentionDeletesOnlyPublishedRows() throws Exception {
        RelaySettings settings = new RelaySettings(Optional.of(broker.bootstrapServers()), "retention", 3, (short) 1, 1,
                Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(5), 100, "solo"); // the events are from 08:00
        OutboxRelay relay = Outbox.relay(dataSource, settings);
        Outbox.write(dataSource, 150, ACCOUNTS);
        assertThat(relay.lag().unpublished()).isEqualTo(150);
        assertThat(relay.lag().oldestEventTime()).isPresent();
        drain(relay);
        assertThat(relay.lag().unpublished()).isZero();
        assertThat(relay.lag().oldestEventTime()).isEmpty();

        List<String> later = Outbox.write(dataSource, 30, ACCOUNTS);
        assertThat(relay.lead()).isTrue();
        assertThat(relay.seal()).isEqualTo(30); // sealed, not yet on Kafka
        assertThat(relay.lag().unpublished()).isEqualTo(30);
        assertThat(relay.deleteExpired()).isEqualTo(100); // one batch at a time, oldest first
        assertThat(relay.deleteExpired()).isEqualTo(50);
        assertThat(relay.deleteExpired()).isZero(); // the 30 are kept until Kafka has them
        assertThat(Outbox.unpublished(dataSource)).isEqualTo(30);
        assertThat(indexed()).as("the LookupEvents rows of the 30 kept only").isEqualTo(30);
        drain(relay);
        assertThat(relay.deleteExpired()).isEqualTo(30);
        assertThat(indexed()).isZero();
        relay.close();
        List<String> records = AuditStreams.readTopic(broker.bootstrapServers(), "retention", Duration.ofSeconds(30));
        assertThat(String.join("\n", records)).contains(later);
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownArePublishedWhenItReturns() throws Exception {
        String topic = "outage";
        RelaySettings settings = Outbox.settings(Optional.of(broker.bootstrapServers()), topic, "solo", Duration.ofSeconds(5));
        OutboxRelay relay = Outbox.relay(dataSource, settings);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        // As the server runs it: one thread leads and seals, another publishes.
        Thread sealing = new Thread(() -> {
            while (running.get()) {
                try {
                    if (!relay.lead() || relay.seal() < settings.batchSize()) {
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    failures.add(e);
                    return;
                }
            }
        });
        Thread loop = new Thread(() -> {
            while (running.get()) {
                try {
                    OutboxRelay.Sent sent = relay.send();
                    relay.markPublished(sent);
                    if (sent.size() == 0 && !relay.hasInFlight()) {
                        Thread.sleep(50);
                    }
                } catch (PublishException e) {
                    failures.add(e);
                    sleep(500);
                } catch (Exception e) {
                    failures.add(e);
                    return;
                }
            }
        });
        sealing.start();
        loop.start();
        List<String> written = new ArrayList<>(Outbox.write(dataSource, 60, ACCOUNTS));
        awaitPublished();
        broker.stop();
        written.addAll(Outbox.write(dataSource, 120, ACCOUNTS)); // calls go on while Kafka is away
        Thread.sleep(12_000); // more than twice the lease: the relay keeps it and its pending batch meanwhile
        assertThat(Outbox.unpublished(dataSource)).isGreaterThan(0);
        broker.restart();
        written.addAll(Outbox.write(dataSource, 250, ACCOUNTS)); // and more after it is back
        awaitPublished();
        running.set(false);
        loop.join();
        sealing.join();
        relay.close();

        assertThat(failures).isNotEmpty().allMatch(e -> e instanceof PublishException);
        List<String> records = AuditStreams.readTopic(broker.bootstrapServers(), topic, Duration.ofSeconds(30));
        assertExactlyOnceInOrder(records, written);
        assertThat(AuditStreams.validate(records, Outbox.keysJson(dataSource)).problems()).isEmpty();
    }

    /** How many outbox rows have LookupEvents index rows. */
    private long indexed() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(DISTINCT outbox_id) FROM aud_lookup");
                java.sql.ResultSet result = select.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private void awaitPublished() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Outbox.unpublished(dataSource) > 0) {
            assertThat(System.nanoTime()).as("outbox drained in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void drain(OutboxRelay relay) throws Exception {
        for (int round = 0; round < 100; round++) {
            if (!relay.runOnce()) {
                return;
            }
        }
    }

    /** After de-duplication by eventID: each written event once, and each account's in sequence order 1..n. */
    static void assertExactlyOnceInOrder(List<String> records, List<String> written) throws Exception {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String record : records) {
            JsonNode node = JSON.readTree(record);
            if (!"GatehouseDigest".equals(node.path("eventType").asText())) {
                byId.putIfAbsent(node.path("eventID").asText(), node);
            }
        }
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(written);
        Map<String, Long> lastSeq = new HashMap<>();
        for (JsonNode node : byId.values()) {
            String account = node.path("recipientAccountId").asText();
            long seq = node.path("gatehouseIntegrity").path("sequenceNumber").asLong();
            assertThat(seq).as("sequence of %s", node.path("eventID").asText())
                    .isEqualTo(lastSeq.getOrDefault(account, 0L) + 1);
            lastSeq.put(account, seq);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
