package io.gatehouse.audit.internal.validate;

import io.gatehouse.audit.AuditException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic without a consumer group (assign, seek to the beginning, read to the end). */
public final class TopicReader {

    private TopicReader() {
    }

    public static List<String> readAll(String bootstrapServers, String topic, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false",
                "default.api.timeout.ms", (int) timeout.toMillis(), "isolation.level", "read_committed");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new AuditException("topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            List<String> values = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = ends.get(partition);
                while (consumer.position(partition) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new AuditException("timed out reading " + partition);
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() < end) {
                            values.add(record.value());
                        }
                    }
                }
            }
            return values;
        } catch (KafkaException e) {
            throw new AuditException("cannot read topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
