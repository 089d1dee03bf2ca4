package io.gatehouse.server;

import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Runs the application against a throw-away MariaDB database from {@link MariaDbTestResource}. */
public class MariaDbProfile implements QuarkusTestProfile {

    /** A MariaDB deployment must configure its master key (base64 of 32 bytes). */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gatehouse.master-key", "c2VydmVyLXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MariaDbTestResource.class));
    }
}
