package io.gatehouse.audit.internal.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs this replica's {@link OutboxRelay} on two daemon threads from start-up to shutdown: every
 * replica tries for the lease; the holder seals and writes digests on one thread and publishes
 * (when Kafka is configured) on the other, so the next batch is sealed while the last one is on
 * its way to Kafka. Kafka unreachable: API calls are untouched, the relay backs off (1 s doubling, at most half the lease)
 * (never longer than half the lease, which every round renews) and catches up later. Lag is published as gauges ({@code gatehouse.audit.outbox.unpublished},
 * {@code gatehouse.audit.outbox.lag.seconds}, {@code gatehouse.audit.relay.leader}) and in
 * {@link #status()} for the health check.
 */
@ApplicationScoped
public class RelayRunner {

    private static final Logger LOG = Logger.getLogger(RelayRunner.class);
    private static final Duration IDLE = Duration.ofMillis(50);

    /** What the health check reports. */
    public record Status(boolean enabled, boolean leader, String kafka, long unpublished, double lagSeconds,
            Optional<String> lastError) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry metrics;
    @Inject
    DigestSupport digests;

    @ConfigProperty(name = "gatehouse.kafka-bootstrap-servers")
    Optional<String> bootstrapServers;
    @ConfigProperty(name = "gatehouse.audit-topic", defaultValue = "gatehouse.audit.v1")
    String topic;
    @ConfigProperty(name = "gatehouse.audit-partitions", defaultValue = "6")
    int partitions;
    @ConfigProperty(name = "gatehouse.audit-replication-factor", defaultValue = "3")
    short replicationFactor;
    @ConfigProperty(name = "gatehouse.audit-min-insync-replicas", defaultValue = "2")
    int minInsyncReplicas;
    @ConfigProperty(name = "gatehouse.audit-retention", defaultValue = "90d")
    Duration retention;
    @ConfigProperty(name = "gatehouse.audit-digest-interval", defaultValue = "1h")
    Duration digestInterval;
    /** The active relay's lease: a dead replica's relay is replaced within this time. */
    static final Duration LEASE = Duration.ofSeconds(5);
    Duration lease = LEASE;

    private final AtomicReference<Status> status = new AtomicReference<>(
            new Status(false, false, "starting", 0, 0, Optional.empty()));
    private volatile boolean running;
    private volatile String kafka = "connecting";
    private volatile Optional<String> sealError = Optional.empty();
    private volatile Optional<String> publishError = Optional.empty();
    private Thread sealer;
    private Thread publisher;
    private OutboxRelay relay;

    void start(@Observes StartupEvent event) {
        RelaySettings settings = new RelaySettings(bootstrapServers, topic, partitions, replicationFactor,
                minInsyncReplicas, retention, digestInterval, lease, 2_000, RelaySettings.newHolder());
        relay = new OutboxRelay(dataSource, settings, digests.step(settings), Clock.systemUTC());
        Gauge.builder("gatehouse.audit.outbox.unpublished", status, s -> s.get().unpublished())
                .description("audit events in the outbox not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("gatehouse.audit.outbox.lag.seconds", status, s -> s.get().lagSeconds())
                .description("age of the oldest audit event not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("gatehouse.audit.relay.leader", status, s -> s.get().leader() ? 1 : 0)
                .description("1 on the replica whose relay is active").register(metrics);
        running = true;
        kafka = settings.bootstrapServers().isPresent() ? "connecting" : "disabled";
        sealer = new Thread(this::sealLoop, "gatehouse-audit-sealer");
        sealer.setDaemon(true);
        sealer.start();
        if (settings.bootstrapServers().isPresent()) {
            publisher = new Thread(this::publishLoop, "gatehouse-audit-publisher");
            publisher.setDaemon(true);
            publisher.start();
        }
        LOG.infof(settings.bootstrapServers().isPresent() ? "audit relay publishing to Kafka topic %s"
                : "audit relay sealing events in the database only (no kafka-bootstrap-servers)%s",
                settings.bootstrapServers().isPresent() ? settings.topic() : "");
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        for (Thread thread : new Thread[] {sealer, publisher}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** The relay's state as last seen. */
    public Status status() {
        return status.get();
    }

    // The leading and sealing side: keeps the lease, seals committed rows, writes digests, deletes
    // expired rows, and refreshes the status.
    private void sealLoop() {
        Duration backoff = Duration.ZERO;
        Instant nextLag = Instant.EPOCH;
        Instant nextRetention = Instant.EPOCH;
        while (running) {
            boolean more = false;
            try {
                if (relay.lead()) {
                    more = relay.seal() == relay.settings().batchSize();
                    if (relay.isLeader() && Instant.now().isAfter(nextRetention)) {
                        relay.deleteExpired();
                        nextRetention = Instant.now().plusSeconds(60);
                    }
                }
                sealError = Optional.empty();
                backoff = Duration.ZERO;
            } catch (SQLException | RuntimeException e) {
                sealError = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
                backoff = nextBackoff(backoff);
                LOG.warnf(e, "audit relay: sealing failed; retrying in %d ms", backoff.toMillis());
            }
            if (Instant.now().isAfter(nextLag)) {
                updateStatus();
                nextLag = Instant.now().plusSeconds(2);
            }
            // A replica without the lease asks for it every fifth of the lease, not every idle pause.
            sleep(!backoff.isZero() ? backoff : more ? Duration.ZERO : relay.isLeader() ? IDLE : lease.dividedBy(5));
        }
    }

    // The publishing side: sends what was sealed, in seal order, one Kafka transaction per batch.
    private void publishLoop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            boolean more = false;
            try {
                if (relay.isLeader()) {
                    OutboxRelay.Sent sent = relay.send();
                    relay.markPublished(sent);
                    more = sent.size() > 0 || relay.hasInFlight();
                    kafka = "up";
                }
                publishError = Optional.empty();
                backoff = Duration.ZERO;
            } catch (PublishException e) {
                kafka = "unreachable";
                publishError = Optional.of(e.getMessage());
                backoff = nextBackoff(backoff);
                LOG.warnf("audit relay: %s; retrying in %d ms (API calls continue, the outbox keeps the events)",
                        e.getMessage(), backoff.toMillis());
            } catch (SQLException | RuntimeException e) {
                publishError = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
                backoff = nextBackoff(backoff);
                LOG.warnf(e, "audit relay: publishing failed; retrying in %d ms", backoff.toMillis());
            }
            sleep(!backoff.isZero() ? backoff : more ? Duration.ZERO : IDLE);
        }
    }

    private Duration nextBackoff(Duration backoff) {
        return backoff.isZero() ? min(Duration.ofSeconds(1), maxBackoff()) : min(backoff.multipliedBy(2), maxBackoff());
    }

    private void updateStatus() {
        Optional<String> lastError = publishError.isPresent() ? publishError : sealError;
        if (relay.settings().bootstrapServers().isEmpty()) {
            // Without Kafka every record stays unpublished by design: no lag to count.
            status.set(new Status(false, relay.isLeader(), kafka, 0, 0, lastError));
            return;
        }
        try {
            OutboxRelay.Lag lag = relay.lag();
            double seconds = lag.oldestEventTime()
                    .map(t -> Math.max(0, Duration.between(t, Instant.now()).toMillis() / 1000.0)).orElse(0.0);
            status.set(new Status(relay.settings().bootstrapServers().isPresent(), relay.isLeader(), kafka,
                    lag.unpublished(), seconds, lastError));
        } catch (SQLException | RuntimeException e) {
            status.set(new Status(relay.settings().bootstrapServers().isPresent(), relay.isLeader(), kafka,
                    status.get().unpublished(), status.get().lagSeconds(), Optional.of("database: " + e.getMessage())));
        }
    }

    // Below the lease, so a relay waiting for Kafka keeps its lease and its queued records' order.
    private Duration maxBackoff() {
        return min(Duration.ofSeconds(30), lease.dividedBy(2));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
