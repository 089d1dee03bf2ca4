package io.gatehouse.audit.internal.relay;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the relay needs to know (docs/audit.md, "Options").
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}; empty: events stay in the database
 * @param topic the audit topic
 * @param partitions partitions of the topic when the relay creates it
 * @param replicationFactor its replication factor
 * @param minInsyncReplicas its {@code min.insync.replicas}
 * @param retention how long published rows stay in the outbox
 * @param digestInterval how often each account's chain is covered by a signed digest
 * @param lease how long the active relay's lease lasts without renewal (the takeover time)
 * @param batchSize rows sealed or published per transaction
 * @param holder this replica's name on the lease
 */
public record RelaySettings(Optional<String> bootstrapServers, String topic, int partitions, short replicationFactor,
        int minInsyncReplicas, Duration retention, Duration digestInterval, Duration lease, int batchSize,
        String holder) {

    public RelaySettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        bootstrapServers = bootstrapServers.map(String::strip).filter(s -> !s.isEmpty());
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(digestInterval, "digestInterval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(holder, "holder");
        if (batchSize < 1 || partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException("batch size, partitions, replication factor and min.insync.replicas"
                    + " must be at least 1");
        }
    }

    /** A fresh holder name: host name plus a random suffix, unique per process start. */
    public static String newHolder() {
        String host = System.getenv().getOrDefault("HOSTNAME", "gatehouse");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** These settings with another holder name (tests run two relays in one JVM). */
    public RelaySettings withHolder(String newHolder) {
        return new RelaySettings(bootstrapServers, topic, partitions, replicationFactor, minInsyncReplicas,
                retention, digestInterval, lease, batchSize, newHolder);
    }
}
