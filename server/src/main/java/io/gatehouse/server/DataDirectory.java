package io.gatehouse.server;

import io.gatehouse.server.config.GatehouseConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the data directory ({@code gatehouse.data-dir}) at start-up if it does not exist. */
@Startup
@ApplicationScoped
public class DataDirectory {

    private final Path path;

    @Inject
    public DataDirectory(GatehouseConfig config) {
        this.path = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + path, e);
        }
    }

    /** The data directory, absolute. */
    public Path path() {
        return path;
    }
}
