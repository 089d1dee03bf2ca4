package io.gatehouse.server.iam;

import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The application on a throw-away MariaDB database with a known bootstrap administrator and
 * master key. Every IAM API test class uses this one profile, so they share one application start.
 */
public class IamApiProfile implements QuarkusTestProfile {
    public static final String ADMIN_KEY_ID = "AKIAGATEHOUSETESTADM";
    public static final String ADMIN_SECRET = "gatehouse/test/admin/secret/0123456789ab";
    public static final String ADMIN_PASSWORD = "Adm1n-Passw0rd!-for-tests";
    /** Base64 of 32 bytes: the MariaDB deployment must configure its master key. */
    public static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gatehouse.bootstrap-admin-access-key-id", ADMIN_KEY_ID,
                "gatehouse.bootstrap-admin-secret-access-key", ADMIN_SECRET,
                "gatehouse.bootstrap-admin-password", ADMIN_PASSWORD,
                "gatehouse.master-key", MASTER_KEY);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MariaDbTestResource.class));
    }
}
