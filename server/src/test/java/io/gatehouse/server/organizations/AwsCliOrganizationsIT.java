package io.gatehouse.server.organizations;

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
            Path script = Path.of(AwsCliOrganizationsIT.class.getResource("/cli/organizations-scenario.sh").toURI());
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
            assertThat(output).contains("create-account: ", "move-account: in ou-", "member: created a user",
                    "scp: denied", "scp: detached", "close-account: credentials refused", "SCENARIO OK");
        }
    }
}
