package io.gatehouse.audit.internal.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The relay's transactional Kafka producer. Each batch is one Kafka transaction, so a batch is on
 * the topic whole or, for {@code read_committed} consumers, not at all: a batch that failed half-way
 * can never leave its tail behind a later re-send, which is what keeps each account's records in
 * chain order after an outage. Every replica uses the same {@code transactional.id}, so the
 * producer of a new active relay fences the old one's (a paused former leader cannot append
 * anything once its successor has started). {@code acks=all}, idempotence on. Key:
 * {@code recipientAccountId}; value: the sealed record; headers {@code eventID} and
 * {@code eventName}. Kafka's exceptions stay in here: a failure is a {@link PublishException}.
 */
final class KafkaPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);

    /** A record to publish; {@code sealNo} orders events (0 for digests). */
    record Outgoing(long id, long sealNo, String key, String eventId, String eventName, String value) {
    }

    private final RelaySettings settings;
    private final KafkaProducer<String, String> producer;
    private final Duration slice;

    private KafkaPublisher(RelaySettings settings, KafkaProducer<String, String> producer, Duration slice) {
        this.settings = settings;
        this.producer = producer;
        this.slice = slice;
    }

    /** The transactional id shared by every replica's relay for {@code topic}. */
    static String transactionalId(String topic) {
        return "gatehouse-audit-relay." + topic;
    }

    /**
     * Makes sure the topic exists, creates the producer and registers its transactional id, which
     * aborts whatever transaction an earlier holder of the id left open. Waits at most a few slices
     * of a third of the lease each.
     */
    static KafkaPublisher open(RelaySettings settings) throws PublishException {
        Duration slice = Duration.ofMillis(Math.max(500, settings.lease().toMillis() / 3));
        ensureTopic(settings, slice);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers().orElseThrow());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(settings.topic()));
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Blocking calls (metadata, initTransactions, commitTransaction) give up after one slice, so
        // the relay keeps renewing its lease while Kafka is away; a timed-out commit is retried.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(slice.toMillis()));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gatehouse-audit-relay-" + settings.holder());
        KafkaProducer<String, String> producer;
        try {
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot create the audit relay's Kafka producer: " + e.getMessage(), e);
        }
        try {
            producer.initTransactions();
            producer.partitionsFor(settings.topic()); // metadata now, so no send blocks on it
        } catch (KafkaException e) {
            closeQuietly(producer, Duration.ZERO);
            throw new PublishException("Kafka unreachable: " + e.getMessage(), e);
        }
        return new KafkaPublisher(settings, producer, slice);
    }

    private static void ensureTopic(RelaySettings settings, Duration slice) throws PublishException {
        long timeout = slice.toMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrapServers().orElseThrow(),
                "request.timeout.ms", (int) timeout, "default.api.timeout.ms", (int) timeout))) {
            if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(settings.topic())) {
                if (settings.replicationFactor() < 2) {
                    LOG.warnf("audit topic %s gets replication factor %d: events acknowledged by Kafka are on one"
                            + " broker only and are lost with its disk; use 3 in production", settings.topic(),
                            settings.replicationFactor());
                }
                NewTopic topic = new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor())
                        .configs(Map.of("min.insync.replicas", String.valueOf(settings.minInsyncReplicas()),
                                "cleanup.policy", "delete"));
                admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
                LOG.infof("created audit topic %s (%d partitions, replication factor %d, min.insync.replicas %d)",
                        settings.topic(), settings.partitions(), settings.replicationFactor(),
                        settings.minInsyncReplicas());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new PublishException("cannot create audit topic " + settings.topic() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            throw new PublishException("Kafka unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted", e);
        }
    }

    /** Opens a transaction and hands it the records, events first, in order; returns at once. */
    void begin(List<Outgoing> events, List<Outgoing> digests) throws PublishException {
        try {
            producer.beginTransaction();
            for (Outgoing record : events) {
                send(record);
            }
            for (Outgoing record : digests) {
                send(record);
            }
        } catch (KafkaException e) {
            throw new PublishException("Kafka refused the batch: " + e.getMessage(), e);
        }
    }

    private void send(Outgoing record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventID", record.eventId().getBytes(StandardCharsets.UTF_8));
        headers.add("eventName", record.eventName().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(settings.topic(), null, record.key(), record.value(), headers));
    }

    /** The commit did not finish within a slice; calling {@link #commit()} again goes on waiting. */
    static final class CommitPending extends PublishException {
        CommitPending(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Commits the open transaction: when this returns, every record of the batch is on the topic.
     *
     * @throws CommitPending when Kafka has not answered within a slice (the transaction stays open;
     *     call again)
     * @throws PublishException when the transaction failed; the publisher must then be closed and
     *     the batch sent again by a new one (the failed transaction is aborted)
     */
    void commit() throws PublishException {
        try {
            producer.commitTransaction();
        } catch (TimeoutException e) {
            throw new CommitPending("Kafka has not confirmed the batch within " + slice.toMillis()
                    + " ms (unreachable?); it stays pending", e);
        } catch (KafkaException e) {
            throw new PublishException("Kafka refused the batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // An open transaction is aborted by Kafka: at once by the next producer with our
        // transactional id, or after transaction.timeout.ms.
        closeQuietly(producer, Duration.ofSeconds(2));
    }

    private static void closeQuietly(KafkaProducer<String, String> producer, Duration timeout) {
        try {
            producer.close(timeout);
        } catch (KafkaException e) {
            LOG.debug("closing the audit producer", e);
        }
    }
}
