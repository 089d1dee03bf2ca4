package io.gatehouse.audit;

import io.gatehouse.audit.internal.validate.StreamValidator;
import io.gatehouse.audit.internal.validate.TopicReader;
import java.time.Duration;
import java.util.List;

/**
 * Reading and checking the audit stream from outside the server ({@code gatehouse audit validate}
 * and consumers): no framework needed.
 */
public interface AuditStreams {

    /**
     * Checks records (one JSON object each, in stream order per account) against the hash chains and
     * the digests' signatures. {@code keysJson} is the document served at
     * {@code /.well-known/gatehouse-audit-keys}. Never throws for bad records: they are problems.
     *
     * @throws IllegalArgumentException when {@code keysJson} is not such a document
     */
    static ValidationReport validate(List<String> records, String keysJson) {
        return new StreamValidator(keysJson).validate(records);
    }

    /**
     * Every record of {@code topic}, from the beginning to the end offsets as of the call, partition
     * by partition (so each account's records in their order).
     *
     * @throws AuditException when Kafka cannot be read within {@code timeout}
     */
    static List<String> readTopic(String bootstrapServers, String topic, Duration timeout) {
        return TopicReader.readAll(bootstrapServers, topic, timeout);
    }
}
