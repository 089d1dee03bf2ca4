package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.LaunchedGatehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
            Path script = Path.of(AwsCliSsoAdminIT.class.getResource("/cli/sso-admin-scenario.sh").toURI());
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), gatehouse.url())
                    .directory(dataDir.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", SECRET);
            env.put("AWS_CLI", Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output + "\nserver:\n" + String.join("\n", gatehouse.output())).isZero();
            assertThat(output).contains("assignment: SUCCEEDED", "provisioned again: SUCCEEDED",
                    "delete while assigned: ConflictException", "role removed with the last assignment",
                    "deleted permission set: ResourceNotFoundException", "SCENARIO OK");
        }
    }
}
