package io.gatehouse.server;

import io.gatehouse.server.cli.StartArguments;
import io.gatehouse.server.config.Options;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hands the options of {@code gatehouse start} to the configuration before Quarkus boots: each
 * becomes the system property {@code gatehouse.<name>}, which outranks the environment
 * ({@code GATEHOUSE_<NAME>}) and {@code application.properties}.
 */
final class StartSettings {

    private StartSettings() {
    }

    static void apply(StartArguments arguments) {
        for (Map.Entry<String, String> entry : arguments.values().entrySet()) {
            System.setProperty(Options.find(entry.getKey()).orElseThrow().property(), entry.getValue());
        }
        // The data directory, wherever it came from, is made absolute against the caller's working
        // directory: H2 refuses implicitly relative paths, and the log then shows where data went.
        String dataDir = System.getProperty(Options.DATA_DIR.property());
        if (dataDir == null || dataDir.isBlank()) {
            dataDir = System.getenv(Options.DATA_DIR.envVar());
        }
        if (dataDir == null || dataDir.isBlank()) {
            dataDir = Options.DATA_DIR.defaultValue();
        }
        System.setProperty(Options.DATA_DIR.property(), Path.of(dataDir).toAbsolutePath().normalize().toString());
    }
}
