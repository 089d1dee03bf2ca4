package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.LaunchedGatehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on its embedded default, driven by the unmodified AWS CLI's
 * {@code aws sso-admin} (with {@code aws identitystore} and {@code aws iam}): a permission set
 * assigned to a group, its reserved role, re-provisioning, removal and refusals.
 */
class AwsCliSsoAdminIT {
    private static final String KEY_ID = "AKIAGATEHOUSECLISSOA";
    private static final String SECRET = "cli/sso-admin/secret/0123456789abcdefghij";

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliManagesPermissionSetsAndAssignments() throws Exception {
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir, "--bootstrap-admin-access-key-id", KEY_ID,
                "--bootstrap-admin-secret-access-key", SECRET, "--bootstrap-admin-password", "Cli-SsoAdmin-Pw-1")) {
            String output = gatehouse.runCliScenario(dataDir, "/cli/sso-admin-scenario.sh", KEY_ID, SECRET);
            assertThat(output).contains("assignment: SUCCEEDED", "provisioned again: SUCCEEDED",
                    "delete while assigned: ConflictException", "role removed with the last assignment",
                    "deleted permission set: ResourceNotFoundException", "SCENARIO OK");
        }
    }
}
