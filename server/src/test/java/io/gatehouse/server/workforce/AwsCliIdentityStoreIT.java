package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.LaunchedGatehouse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on its embedded default, driven by the unmodified AWS CLI's
 * {@code aws identitystore}: create, find, update and delete a user, a group and a membership, with
 * the identity store id the server prints at start.
 */
class AwsCliIdentityStoreIT {
    private static final String KEY_ID = "AKIAGATEHOUSECLIWORK";
    private static final String SECRET = "cli/workforce/secret/0123456789abcdefghij";

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliManagesTheWorkforceDirectory() throws Exception {
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir, "--bootstrap-admin-access-key-id", KEY_ID,
                "--bootstrap-admin-secret-access-key", SECRET, "--bootstrap-admin-password", "Cli-Workforce-Pw-1")) {
            Matcher store = Pattern.compile("workforce identity store (d-[0-9a-f]{10})")
                    .matcher(String.join("\n", gatehouse.output()));
            assertThat(store.find()).as(String.join("\n", gatehouse.output())).isTrue();
            String output = gatehouse.runCliScenario(dataDir, "/cli/identitystore-scenario.sh", KEY_ID, SECRET,
                    store.group(1));
            assertThat(output).contains("get-user-id: found", "membership: listed and checked",
                    "update-user: changed", "deleted user: ResourceNotFoundException", "SCENARIO OK");
        }
    }
}
