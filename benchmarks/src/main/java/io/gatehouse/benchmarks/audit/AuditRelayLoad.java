package io.gatehouse.benchmarks.audit;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.KeyProtection;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.internal.CloudTrailJson;
import io.gatehouse.audit.internal.Redactor;
import io.gatehouse.audit.internal.digest.DigestWriter;
import io.gatehouse.audit.internal.digest.SigningKeys;
import io.gatehouse.audit.internal.relay.OutboxRelay;
import io.gatehouse.audit.internal.relay.RelaySettings;
import io.gatehouse.testing.KafkaBroker;
import io.gatehouse.testing.MariaDbDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * Load harness for the audit path (docs/benchmarks.md, "Audit relay"), on a real MariaDB database
 * and a real single-node Kafka broker in this JVM:
 * <ol>
 *   <li>throughput: N events already in the outbox, one relay seals and publishes them all;
 *       events/s from start to the last acknowledgement marked;</li>
 *   <li>lag: writers commit events at a fixed rate while the relay runs (two threads, as in the
 *       server); per event, commit time to its arrival at a {@code read_committed} consumer, p50/p99;</li>
 *   <li>write cost: one API-like transaction (a business row) with and without the audit write
 *       (redaction, CloudTrail JSON, outbox insert), p50/p99 of each.</li>
 * </ol>
 * Arguments: {@code [events=200000] [rate=2000] [seconds=30]}.
 */
public final class AuditRelayLoad {

    private AuditRelayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // Outside Quarkus nothing configures JBoss LogManager, whose loggers then answer
        // isTraceEnabled() with true: the MariaDB driver would hex-dump every packet it reads, which
        // cost the sealer a quarter of its time. The server logs at INFO; so does the benchmark.
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        try (KafkaBroker broker = KafkaBroker.launch(); MariaDbDatabase database = MariaDbDatabase.create()) {
            MariaDbPoolDataSource dataSource = new MariaDbPoolDataSource(database.jdbcUrl()
                    + (database.jdbcUrl().contains("?") ? "&" : "?") + "user=" + database.username()
                    + "&password=" + database.password() + "&maxPoolSize=12"); // pooled, as Agroal is in the server
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit").load().migrate();
            try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE bench_business (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64))");
            }
            writeCost(dataSource);
            throughput(dataSource, broker, events);
            lag(dataSource, broker, rate, seconds);
        }
    }

    private static OutboxRelay relay(MariaDbPoolDataSource dataSource, KafkaBroker broker, String topic) {
        RelaySettings settings = new RelaySettings(Optional.of(broker.bootstrapServers()), topic, 6, (short) 1, 1,
                Duration.ofDays(90), Duration.ofHours(1), Duration.ofSeconds(5), 2_000, "bench");
        return new OutboxRelay(dataSource, settings,
                new DigestWriter(new SigningKeys(new PlainKeys()), settings.digestInterval()), Clock.systemUTC());
    }

    private static void throughput(MariaDbPoolDataSource dataSource, KafkaBroker broker, int events) throws Exception {
        insertBulk(dataSource, events);
        try (OutboxRelay relay = relay(dataSource, broker, "bench-throughput")) {
            warmUp(relay); // creates the topic and the producer before the clock starts
            long start = System.nanoTime();
            while (relay.lead() && relay.seal() > 0) {
                // seal everything first, to see each half's own rate
            }
            double sealing = (System.nanoTime() - start) / 1e9;
            long published = System.nanoTime();
            while (unpublished(dataSource) > 0 && relay.lead()) {
                relay.markPublished(relay.send());
            }
            double publishing = (System.nanoTime() - published) / 1e9;
            double secs = sealing + publishing;
            System.out.printf("throughput: %d events sealed in %.1f s (%.0f/s), published and marked in %.1f s (%.0f/s);"
                    + " one after the other %.0f events/s%n", events, sealing, events / sealing, publishing,
                    events / publishing, events / secs);
        }
        insertBulk(dataSource, events);
        try (OutboxRelay relay = relay(dataSource, broker, "bench-throughput")) {
            warmUp(relay);
            long start = System.nanoTime();
            try (Pipeline pipeline = new Pipeline(relay)) {
                while (unpublished(dataSource) > 0) {
                    Thread.sleep(20);
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput, sealing and publishing on two threads as the server does: %d events in %.1f s,"
                    + " %.0f events/s%n", events, secs, events / secs);
        }
    }

    // The first transactional producer on a fresh broker waits for Kafka to create its transaction
    // log; the relay retries, as the server's would.
    private static void warmUp(OutboxRelay relay) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                relay.lead();
                relay.connect();
                return;
            } catch (io.gatehouse.audit.internal.relay.PublishException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The server's two relay threads (RelayRunner): one leads and seals, one publishes. */
    private static final class Pipeline implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sealer;
        private final Thread publisher;

        Pipeline(OutboxRelay relay) {
            sealer = new Thread(() -> {
                while (running.get()) {
                    try {
                        if (!relay.lead() || relay.seal() < relay.settings().batchSize()) {
                            Thread.sleep(50); // the server's idle pause
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "bench-sealer");
            publisher = new Thread(() -> {
                while (running.get()) {
                    try {
                        OutboxRelay.Sent sent = relay.send();
                        relay.markPublished(sent);
                        if (sent.size() == 0 && !relay.hasInFlight()) {
                            Thread.sleep(50);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "bench-publisher");
            sealer.start();
            publisher.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sealer.join();
            publisher.join();
        }
    }

    private static void lag(MariaDbPoolDataSource dataSource, KafkaBroker broker, int rate, int seconds) throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> consumedAt = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        try (OutboxRelay relay = relay(dataSource, broker, "bench-lag")) {
            warmUp(relay); // creates the topic
            Thread consumer = new Thread(() -> consume(broker, "bench-lag", consuming, consumedAt), "bench-consumer");
            consumer.start();
            Pipeline pipeline = new Pipeline(relay);
            int writers = 4;
            List<Thread> threads = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            for (int w = 0; w < writers; w++) {
                Thread writer = new Thread(() -> write(dataSource, rate / writers, end, committedAt));
                writer.start();
                threads.add(writer);
            }
            for (Thread writer : threads) {
                writer.join();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!consumedAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            consuming.set(false);
            consumer.join();
            pipeline.close();
        }
        long[] lags = new long[committedAt.size()];
        int i = 0;
        for (Map.Entry<String, Long> commit : committedAt.entrySet()) {
            Long consumed = consumedAt.get(commit.getKey());
            if (consumed != null) {
                lags[i++] = consumed - commit.getValue();
            }
        }
        lags = Arrays.copyOf(lags, i);
        Arrays.sort(lags);
        System.out.printf("lag at %d events/s for %d s: %d events written, %d seen by a read_committed consumer;"
                + " commit to consumed p50 %d ms, p99 %d ms, max %d ms%n", rate, seconds, committedAt.size(),
                lags.length, pct(lags, 50), pct(lags, 99), lags[lags.length - 1]);
    }

    // A consumer as a SIEM would run one: read_committed, from the start; notes when each event arrives.
    private static void consume(KafkaBroker broker, String topic, AtomicBoolean running, Map<String, Long> consumedAt) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "bench-lag",
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    var header = record.headers().lastHeader("eventID");
                    if (header != null) {
                        consumedAt.putIfAbsent(new String(header.value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
        }
    }

    private static void write(MariaDbPoolDataSource dataSource, int rate, long end, Map<String, Long> committedAt) {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            while (System.nanoTime() < end) {
                AuditEvent event = event("LagProbe");
                insert(c, event);
                c.commit();
                committedAt.put(event.eventID(), System.currentTimeMillis());
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeCost(MariaDbPoolDataSource dataSource) throws Exception {
        int rounds = 3_000;
        long[] without = new long[rounds];
        long[] with = new long[rounds];
        try (Connection c = dataSource.getConnection();
                PreparedStatement business = c.prepareStatement("INSERT INTO bench_business (name) VALUES (?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < rounds * 2; i++) { // alternate, so both see the same conditions
                boolean audited = i % 2 == 1;
                long start = System.nanoTime();
                business.setString(1, "user" + i);
                business.executeUpdate();
                if (audited) {
                    insert(c, Redactor.redact(event("CreateUser")));
                }
                c.commit();
                (audited ? with : without)[i / 2] = System.nanoTime() - start;
            }
        }
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM aud_outbox");
        }
        Arrays.sort(with);
        Arrays.sort(without);
        System.out.printf("write cost: transaction p50 %.3f ms without the audit write, %.3f ms with it"
                        + " (+%.3f ms); p99 %.3f / %.3f ms%n", pct(without, 50) / 1e6, pct(with, 50) / 1e6,
                (pct(with, 50) - pct(without, 50)) / 1e6, pct(without, 99) / 1e6, pct(with, 99) / 1e6);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void insertBulk(MariaDbPoolDataSource dataSource, int events) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < events; i += 1_000) {
                try (PreparedStatement s = insertStatement(c)) {
                    for (int j = i; j < Math.min(events, i + 1_000); j++) {
                        bind(s, event("CreateUser"));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            }
        }
    }

    private static final String[] ACCOUNTS = {"111111111111", "222222222222", "333333333333", "444444444444",
        "555555555555", "666666666666", "777777777777", "888888888888"};

    private static AuditEvent event(String name) {
        String account = ACCOUNTS[(int) (Math.random() * ACCOUNTS.length)];
        return AuditEvent.builder()
                .userIdentity(UserIdentity.builder(UserIdentity.Type.IAM_USER).principalId("AIDAEXAMPLE")
                        .arn("arn:aws:iam::" + account + ":user/alice").accountId(account)
                        .accessKeyId("AKIAEXAMPLE").userName("alice").build())
                .eventTime(Instant.now()).eventSource("iam.amazonaws.com").eventName(name).awsRegion("us-east-1")
                .sourceIPAddress("198.51.100.7").userAgent("aws-sdk-java/2.57.8")
                .requestParameters(Map.of("userName", "bob-" + UUID.randomUUID(), "path", "/"))
                .requestID(UUID.randomUUID().toString()).recipientAccountId(account).build();
    }

    private static void insert(Connection c, AuditEvent event) throws Exception {
        try (PreparedStatement s = insertStatement(c)) {
            bind(s, event);
            s.executeUpdate();
        }
    }

    private static PreparedStatement insertStatement(Connection c) throws Exception {
        // payload_canonical: CloudTrailJson.write's payloads are canonical, as the audit log's rows are.
        return c.prepareStatement("INSERT INTO aud_outbox (event_id, account_id, event_time, event_source,"
                + " event_name, username, access_key_id, read_only, payload, payload_canonical)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, TRUE)");
    }

    private static void bind(PreparedStatement s, AuditEvent event) throws Exception {
        s.setString(1, event.eventID());
        s.setString(2, event.recipientAccountId());
        s.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC)));
        s.setString(4, event.eventSource());
        s.setString(5, event.eventName());
        s.setString(6, event.userIdentity().userName());
        s.setString(7, event.userIdentity().accessKeyId());
        s.setString(8, CloudTrailJson.write(event));
    }

    private static long unpublished(MariaDbPoolDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM aud_outbox WHERE seal_no = 0 OR seal_no >"
                        + " (SELECT published_seal_no FROM aud_lease WHERE name = 'relay')")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Not a protection: the harness only needs digests to be signable. */
    private static final class PlainKeys implements KeyProtection {
        @Override
        public String seal(byte[] plaintext, String purpose) {
            return Base64.getEncoder().encodeToString(plaintext);
        }

        @Override
        public byte[] open(String sealed, String purpose) {
            return Base64.getDecoder().decode(sealed);
        }
    }
}
