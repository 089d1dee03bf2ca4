package io.gatehouse.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.LaunchedGatehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on its embedded default (H2), driven by the unmodified AWS CLI: an account,
 * an OU, the access role, an SCP's denial and its removal, tags and closing the account.
 */
class AwsCliOrganizationsIT {
    private static final String KEY_ID = "AKIAGATEHOUSECLIORGS";
    private static final String SECRET = "cli/organizations/secret/0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliManagesTheOrganizationAndItsGuardrails() throws Exception {
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir, "--bootstrap-admin-access-key-id", KEY_ID,
                "--bootstrap-admin-secret-access-key", SECRET, "--bootstrap-admin-password", "Cli-Orgs-Passw0rd-1")) {
            String output = gatehouse.runCliScenario(dataDir, "/cli/organizations-scenario.sh", KEY_ID, SECRET);
            assertThat(output).contains("create-account: ", "move-account: in ou-", "member: created a user",
                    "scp: denied", "scp: detached", "close-account: credentials refused", "SCENARIO OK");
        }
    }
}
