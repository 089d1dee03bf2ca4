package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code role_arn} profile in the AWS CLI's configuration file works against the packaged server
 * with nothing but an endpoint override in that file: the CLI's own assume-role credential provider
 * calls Gatehouse's STS, and the role session is allowed and denied as the role's policies say.
 *
 * <p>The endpoint must come from the configuration ({@code services} section, {@code endpoint_url}),
 * which botocore reads from 1.31 (AWS CLI v1 1.29.x, v2 2.13) on. Debian's {@code awscli} 2.9 cannot
 * point its assume-role provider anywhere but AWS, so this test looks for a newer CLI on the
 * {@code PATH} and in pyenv's shims, and fails (never skips) when there is none.
 */
class AwsCliRoleProfileIT {
    private static final String KEY_ID = "AKIAGATEHOUSEPROFILE";
    private static final String SECRET = "cli/profile/secret/0123456789abcdefghijkl";
    private static final Pattern BOTOCORE = Pattern.compile("botocore/(\\d+)\\.(\\d+)");
    private static final Pattern CLI_V2 = Pattern.compile("aws-cli/2\\.(\\d+)");

    @TempDir
    Path home;

    @Test
    void aRoleArnProfileGetsItsSessionFromGatehouse() throws Exception {
        String cli = configurableCli().orElseThrow(() -> new AssertionError("No AWS CLI that reads endpoint_url from "
                + "its configuration was found (needs botocore >= 1.31 or aws-cli >= 2.13; Debian's awscli 2.9 "
                + "is too old). Looked on the PATH and in ~/.pyenv/shims."));
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(home.resolve("data"),
                "--bootstrap-admin-access-key-id", KEY_ID, "--bootstrap-admin-secret-access-key", SECRET,
                "--bootstrap-admin-password", "Cli-Profile-Pw-1")) {
            Path script = Path.of(AwsCliRoleProfileIT.class.getResource("/cli/role-profile.sh").toURI());
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), gatehouse.url())
                    .directory(home.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("ADMIN_KEY_ID", KEY_ID);
            env.put("ADMIN_SECRET", SECRET);
            env.put("AWS_CLI", cli);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(cli + ":\n" + output + "\nserver:\n"
                    + String.join("\n", gatehouse.output())).isZero();
            assertThat(output).contains("profile ops is the role session: arn:aws:sts::",
                    "the role session may read roles: allowed", "the role session may not list users: denied",
                    "PROFILE OK");
        }
    }

    /** The first {@code aws} whose version reads endpoint_url from the configuration file. */
    static Optional<String> configurableCli() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "aws"));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && readsEndpointFromConfig(version(candidate))) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    static boolean readsEndpointFromConfig(String version) {
        Matcher v2 = CLI_V2.matcher(version);
        if (v2.find()) {
            return Integer.parseInt(v2.group(1)) >= 13;
        }
        Matcher botocore = BOTOCORE.matcher(version);
        if (botocore.find()) {
            int major = Integer.parseInt(botocore.group(1));
            return major > 1 || Integer.parseInt(botocore.group(2)) >= 31;
        }
        return false;
    }

    private static String version(Path cli) {
        try {
            Process process = new ProcessBuilder(cli.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
