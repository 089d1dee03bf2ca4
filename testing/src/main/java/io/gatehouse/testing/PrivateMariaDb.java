package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own: {@code mariadb-install-db} into a temporary directory, then
 * {@code mariadbd} on a free port of 127.0.0.1, run as the current user, with root and an empty
 * password. Used when no server listens where {@link MariaDbSettings} point.
 *
 * <p>{@link #start(Path)} returns once the server accepts connections (at most 30 s) or throws with
 * the server's log. {@link #close()} stops the server and deletes the directory.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 30_000;

    private final Path dir;
    private final Process process;
    private final MariaDbSettings settings;

    private PrivateMariaDb(Path dir, Process process, MariaDbSettings settings) {
        this.dir = dir;
        this.process = process;
        this.settings = settings;
    }

    /** The {@code mariadbd} binary on this machine, or null when MariaDB server is not installed. */
    public static Path findServerBinary() {
        for (String candidate : List.of("/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd",
                "/usr/bin/mariadbd", "/usr/local/bin/mariadbd")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String entry : pathVar.split(":")) {
                Path path = Path.of(entry, "mariadbd");
                if (!entry.isEmpty() && Files.isExecutable(path)) {
                    return path;
                }
            }
        }
        return null;
    }

    /** Installs and starts a private server; see the class comment. */
    public static PrivateMariaDb start(Path serverBinary) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gatehouse-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        run(List.of(installDbBinary(serverBinary), "--no-defaults", "--datadir=" + data,
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                "--skip-test-db"), dir.resolve("install.log"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(serverBinary.toString(), "--no-defaults",
                "--datadir=" + data, "--socket=" + dir.resolve("mariadb.sock"), "--port=" + port,
                "--bind-address=127.0.0.1", "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-error=" + dir.resolve("error.log"), "--innodb-buffer-pool-size=64M",
                "--skip-name-resolve"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root"); // mariadbd refuses to run as root unless told to
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile())
                    .start();
            PrivateMariaDb server = new PrivateMariaDb(dir, process,
                    new MariaDbSettings("127.0.0.1", port, "root", ""));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("could not start " + serverBinary, e);
        }
    }

    /** How to reach this server. */
    public MariaDbSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private void awaitReady() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String log = tail(dir.resolve("error.log"));
                close();
                throw new IllegalStateException("private mariadbd exited with " + process.exitValue()
                        + "; its log ends:\n" + log);
            }
            try (var ignored = settings.connect("")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        String log = tail(dir.resolve("error.log"));
        close();
        throw new IllegalStateException("private mariadbd did not accept connections within "
                + START_TIMEOUT_MS / 1000 + " s; last error: " + last + "\nits log ends:\n" + log);
    }

    private static String installDbBinary(Path serverBinary) {
        for (Path candidate : List.of(serverBinary.resolveSibling("mariadb-install-db"),
                serverBinary.getParent().resolveSibling("bin").resolve("mariadb-install-db"))) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "mariadb-install-db"; // from PATH
    }

    private static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; its output ends:\n"
                        + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp directory is not worth failing a test for
        }
    }
}
