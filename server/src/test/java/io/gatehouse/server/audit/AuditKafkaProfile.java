package io.gatehouse.server.audit;

import io.gatehouse.server.iam.IamApiProfile;
import io.gatehouse.testing.KafkaTestResource;
import io.gatehouse.testing.MariaDbTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The IAM test application on MariaDB with a real Kafka broker, digests every second. */
public class AuditKafkaProfile extends IamApiProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("gatehouse.audit-digest-interval", "1s");
        overrides.put("gatehouse.audit-topic", "audit-under-test");
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MariaDbTestResource.class), new TestResourceEntry(KafkaTestResource.class));
    }
}
