package io.gatehouse.server;

import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs the application against a throw-away MariaDB database from {@link MariaDbTestResource}. */
public class MariaDbProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MariaDbTestResource.class));
    }
}
