package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.LaunchedGatehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
            Path script = Path.of(AwsCliIdentityStoreIT.class.getResource("/cli/identitystore-scenario.sh").toURI());
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), gatehouse.url(), store.group(1))
                    .directory(dataDir.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", SECRET);
            env.put("AWS_CLI", Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output + "\nserver:\n" + String.join("\n", gatehouse.output())).isZero();
            assertThat(output).contains("get-user-id: found", "membership: listed and checked",
                    "update-user: changed", "deleted user: ResourceNotFoundException", "SCENARIO OK");
        }
    }
}
