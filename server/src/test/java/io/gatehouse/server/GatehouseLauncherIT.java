package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application, started the way a person starts it: {@code ./gatehouse start} from the
 * repository root, as a separate process. Runs after {@code package} (failsafe).
 */
class GatehouseLauncherIT {

    private final Path root = LaunchedGatehouse.repositoryRoot();

    @TempDir
    Path dataDir;

    @Test
    void startsListensAndAnswersHealth() throws Exception {
        try (LaunchedGatehouse gatehouse = LaunchedGatehouse.start(dataDir)) {
            assertThat(gatehouse.output()).contains("Gatehouse listening on " + gatehouse.url());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gatehouse.url() + "/q/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(String.join("\n", gatehouse.output())).isEqualTo(200);
            assertThat(health.body().replaceAll("\\s", "")).startsWith("{\"status\":\"UP\"");
            assertThat(dataDir.resolve("gatehouse.mv.db")).exists();
        }
    }

    @Test
    void bootstrapsTheAdministratorOnceAndHandsItOverInAPrivateFile() throws Exception {
        Path handover = dataDir.resolve("bootstrap-admin.json");
        try (LaunchedGatehouse first = LaunchedGatehouse.start(dataDir)) {
            assertThat(first.output()).anyMatch(line -> line.startsWith("Bootstrap administrator (shown once"));
            assertThat(Files.getPosixFilePermissions(handover))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(handover)).contains("\"accessKeyId\" : \"AKIA", "\"secretAccessKey\"",
                    "\"password\"");
        }
        try (LaunchedGatehouse second = LaunchedGatehouse.start(dataDir)) {
            assertThat(second.output()).noneMatch(line -> line.startsWith("Bootstrap administrator"));
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Process process = new ProcessBuilder(launcher(), "start", "--help")
                .directory(dataDir.toFile()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("--http-port", "GATEHOUSE_HTTP_PORT", "--data-dir", "--db-url",
                "--db-username", "--db-password", "--region");
    }

    private String launcher() {
        Path launcher = root.resolve("gatehouse");
        assertThat(Files.isExecutable(launcher)).as(launcher + " is executable").isTrue();
        return launcher.toString();
    }



}
