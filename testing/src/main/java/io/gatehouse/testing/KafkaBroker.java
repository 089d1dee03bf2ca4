package io.gatehouse.testing;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft, combined controller and broker) inside the test JVM,
 * from Kafka's own {@code KafkaClusterTestKit}; {@link #close()} stops it and deletes its data.
 *
 * <p>Clients reach it through {@link #bootstrapServers()}, a port of 127.0.0.1 that the broker
 * also advertises, so {@link #stop()} can take the broker off the network for clients (every
 * connection dropped, new ones refused: what a client sees of a dead broker) and {@link #start()}
 * bring it back with all its data, as a restarted broker would.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final OutageProxy proxy;

    private KafkaBroker(KafkaClusterTestKit cluster, OutageProxy proxy) {
        this.cluster = cluster;
        this.proxy = proxy;
    }

    /** Formats and starts a broker; returns once it accepts clients. */
    public static KafkaBroker launch() {
        OutageProxy proxy = new OutageProxy();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setPerServerProperties(Map.of(0, Map.of(
                            "advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port())))
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    // The audit relay's first transactional producer waits for this log to be created.
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            String direct = cluster.bootstrapServers().split(",")[0];
            int colon = direct.lastIndexOf(':');
            proxy.target(direct.substring(0, colon), Integer.parseInt(direct.substring(colon + 1)));
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster, proxy);
        } catch (Exception e) {
            proxy.close();
            throw new IllegalStateException("could not start the test Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + proxy.port();
    }

    /** Takes the broker off the network for clients, as if its process had died. */
    public void stop() {
        proxy.cut();
    }

    /** Brings it back, with everything it held. */
    public void restart() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test Kafka broker", e);
        }
    }
}
