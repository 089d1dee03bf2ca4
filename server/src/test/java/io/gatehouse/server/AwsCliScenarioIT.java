package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on its embedded default (H2, as {@code ./gatehouse start} runs it), driven by
 * the unmodified AWS CLI with the bootstrap administrator's key: users, a group, a managed policy,
 * a role, an access key for a new user, and that user allowed and denied as its policies say; then
 * {@code aws cloudtrail lookup-events} finds those calls (JSON 1.1 at the front door, on H2).
 */
class AwsCliScenarioIT {
    private static final String KEY_ID = "AKIAGATEHOUSECLITEST";
    private static final String SECRET = "cli/scenario/secret/0123456789abcdefghijk";

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliManagesIamAndTheNewUserIsAllowedAndDeniedByItsPolicies() throws Exception {
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir, "--bootstrap-admin-access-key-id", KEY_ID,
                "--bootstrap-admin-secret-access-key", SECRET, "--bootstrap-admin-password", "Cli-Scenario-Pw-1")) {
            String output = gatehouse.runCliScenario(dataDir, "/cli/iam-scenario.sh", KEY_ID, SECRET);
            assertThat(output).contains("dev may list users: allowed", "dev may not create users: denied",
                    "explicit deny wins: denied", "dev assumed the role: allowed",
                    "lookup-events found CreateUser; dev may not look up events: denied", "SCENARIO OK");
            // Credentials given as options are neither printed nor written to the data directory.
            assertThat(String.join("\n", gatehouse.output())).doesNotContain(SECRET);
            assertThat(dataDir.resolve("bootstrap-admin.json")).doesNotExist();
        }
    }
}
