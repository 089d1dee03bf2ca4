package io.gatehouse.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged application started as a person starts it ({@code ./gatehouse start ...} from the
 * repository root, a separate process) on a free port; stopped on close.
 */
public final class LaunchedGatehouse implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final List<String> output;

    private LaunchedGatehouse(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("gatehouse.repository-root", "..")).toAbsolutePath();
    }

    /**
     * Runs a scenario script from the test resources ({@code /cli/...sh}) with bash in {@code workDir}:
     * its arguments are this server's URL and {@code args}; the environment gives it the key to sign
     * with ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}) and the AWS CLI to use
     * ({@code AWS_CLI}, Debian's {@code /usr/bin/aws} when installed). Fails unless it exits 0 within
     * three minutes; returns what it printed.
     */
    public String runCliScenario(Path workDir, String resource, String keyId, String secret, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash",
                Path.of(LaunchedGatehouse.class.getResource(resource).toURI()).toString(), url()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", keyId);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secret);
        builder.environment().put("AWS_CLI",
                java.nio.file.Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws");
        Process script = builder.start();
        String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!script.waitFor(180, TimeUnit.SECONDS) || script.exitValue() != 0) {
            script.destroyForcibly();
            throw new AssertionError(resource + " failed:\n" + printed + "\nserver:\n" + String.join("\n", output()));
        }
        return printed;
    }

    /** Starts {@code ./gatehouse start --http-port P --data-dir D extra...} and waits for "listening". */
    public static LaunchedGatehouse start(Path dataDir, String... extra) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("gatehouse").toString(), "start",
                "--http-port", String.valueOf(port), "--data-dir", dataDir.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).directory(repositoryRoot().toFile()).redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        LaunchedGatehouse launched = new LaunchedGatehouse(process, port, output);
        try {
            launched.watch().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            launched.close();
            throw new AssertionError("no 'listening' line within " + START_TIMEOUT + "; output:\n"
                    + String.join("\n", output), e);
        }
        return launched;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Everything the process printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    private CompletableFuture<String> watch() {
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
