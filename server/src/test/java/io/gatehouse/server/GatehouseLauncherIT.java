package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application, started the way a person starts it: {@code ./gatehouse start} from the
 * repository root, as a separate process. Runs after {@code package} (failsafe).
 */
class GatehouseLauncherIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path root = Path.of(System.getProperty("gatehouse.repository-root", "..")).toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void startsListensAndAnswersHealth() throws Exception {
        int port = freePort();
        Process process = new ProcessBuilder(launcher(), "start", "--http-port", String.valueOf(port),
                "--data-dir", dataDir.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<String> listening = watch(process, output);
        try {
            String line = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).isEqualTo("Gatehouse listening on http://localhost:" + port);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(String.join("\n", output)).isEqualTo(200);
            assertThat(health.body().replaceAll("\\s", "")).startsWith("{\"status\":\"UP\"");
            assertThat(dataDir.resolve("gatehouse.mv.db")).exists();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no 'listening' line within " + START_TIMEOUT + "; output:\n"
                    + String.join("\n", output), e);
        } finally {
            stop(process);
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

    /** Collects the process output; completes with the first "listening" line. */
    private static CompletableFuture<String> watch(Process process, List<String> output) {
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.startsWith("Gatehouse listening on ")) {
                        listening.complete(line);
                    }
                }
                listening.completeExceptionally(new AssertionError("gatehouse exited before listening:\n"
                        + String.join("\n", output)));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "gatehouse-output");
        reader.setDaemon(true);
        reader.start();
        return listening;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
