package io.gatehouse.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The running server, booted by {@code gatehouse start}: once the HTTP listener is up it prints
 * {@code Gatehouse listening on http://<host>:<port>} and waits for shutdown (Ctrl-C, SIGTERM).
 */
public final class GatehouseApplication implements QuarkusApplication {

    @Override
    public int run(String... args) {
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        // 0.0.0.0 is every address; a person wants a URL to open.
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        System.out.println("Gatehouse listening on http://" + shown + ":" + port);
        System.out.flush();
        Quarkus.waitForExit();
        return 0;
    }
}
