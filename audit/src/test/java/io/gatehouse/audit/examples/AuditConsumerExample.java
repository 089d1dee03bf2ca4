package io.gatehouse.audit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.internal.chain.Chain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer of docs/audit.md, "A Java consumer": reads the audit topic in a consumer group,
 * drops repeated deliveries by {@code eventID}, and checks each account's chain as records arrive
 * (the hash of each record, and that it follows the previous one). A real consumer would hand
 * {@link #accept} to its SIEM instead of collecting, and keep {@code next} per account in its own
 * store next to its committed offsets.
 */
public final class AuditConsumerExample {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> seen = new LinkedHashSet<>(); // bound this (e.g. last 1M ids) in production
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<String, String> lastHash = new HashMap<>();
    private final List<JsonNode> accepted = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** Reads {@code topic} from the beginning until {@code done} says stop (asked after each poll). */
    public static AuditConsumerExample consume(String bootstrapServers, String topic, Predicate<AuditConsumerExample> done) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", "audit-example");
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed"); // never the records of an aborted batch
        AuditConsumerExample example = new AuditConsumerExample();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!done.test(example)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    example.accept(record.value());
                }
                consumer.commitSync(); // after handling: a crash re-reads, the eventID check drops repeats
            }
        }
        return example;
    }

    /** Handles one record value. */
    public void accept(String value) {
        ObjectNode record;
        try {
            record = (ObjectNode) JSON.readTree(value);
        } catch (Exception e) {
            problems.add("unreadable record");
            return;
        }
        if (!seen.add(record.path("eventID").asText())) {
            return; // at-least-once delivery: a repeat
        }
        if ("GatehouseDigest".equals(record.path("eventType").asText())) {
            return; // digests are checked offline: gatehouse audit validate
        }
        String account = record.path("recipientAccountId").asText();
        JsonNode chain = record.path(Chain.FIELD);
        long seq = chain.path("sequenceNumber").asLong();
        long expected = nextSeq.getOrDefault(account, 1L);
        if (!Chain.recompute(record).equals(chain.path("hash").asText())) {
            problems.add(account + " seq " + seq + ": altered");
        } else if (seq != expected || !chain.path("previousHash").asText()
                .equals(lastHash.getOrDefault(account, Chain.GENESIS))) {
            problems.add(account + " seq " + seq + ": expected seq " + expected);
        }
        nextSeq.put(account, seq + 1);
        lastHash.put(account, chain.path("hash").asText());
        accepted.add(record);
    }

    public List<JsonNode> accepted() {
        return accepted;
    }

    public List<String> problems() {
        return problems;
    }
}
