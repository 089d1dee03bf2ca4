package io.gatehouse.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker ({@link KafkaBroker}) and points the application
 * at it: {@link #start()} returns {@code gatehouse.kafka-bootstrap-servers}, and tests whose
 * topics hold one replica only; {@link #stop()} stops and deletes it. The running broker is
 * {@link #broker()}, so a test can stop and restart it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker current;

    /** The broker of the test that is running. */
    public static KafkaBroker broker() {
        KafkaBroker broker = current;
        if (broker == null) {
            throw new IllegalStateException("no KafkaTestResource is running");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        current = KafkaBroker.launch();
        return Map.of(
                "gatehouse.kafka-bootstrap-servers", current.bootstrapServers(),
                "gatehouse.audit-replication-factor", "1",
                "gatehouse.audit-min-insync-replicas", "1");
    }

    @Override
    public void stop() {
        KafkaBroker broker = current;
        current = null;
        if (broker != null) {
            broker.close();
        }
    }
}
