package io.gatehouse.identity.internal;

import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.internal.crypto.MasterKey;
import io.gatehouse.identity.internal.crypto.PasswordHasher;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.session.DatabaseKeyRing;
import io.gatehouse.identity.internal.session.SessionTokenCodec;
import io.gatehouse.identity.internal.sigv4.SigV4Verifier;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The identity store's crypto beans, built once from configuration. */
public class CryptoProducers {

    /** The system clock; tests replace it to move time without sleeping. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The master key's box. On the embedded database a key is generated into the data directory
     * on first start; with MariaDB it must be configured, identical on every replica.
     */
    @Produces
    @Singleton
    SecretBox secretBox(@ConfigProperty(name = "gatehouse.master-key") Optional<String> configured,
            @ConfigProperty(name = "gatehouse.data-dir", defaultValue = "./data") String dataDir,
            @ConfigProperty(name = "gatehouse.db-url") Optional<String> dbUrl) {
        boolean embedded = dbUrl.isEmpty() || dbUrl.get().startsWith("jdbc:h2:");
        byte[] key = MasterKey.resolve(configured.filter(s -> !s.isBlank()), Path.of(dataDir), embedded);
        try {
            return SecretBox.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Produces
    @Singleton
    @io.quarkus.runtime.Startup // the key ring loads (or makes its first key) at start, not in a request
    SessionTokens sessionTokens(SecretBox secretBox, Clock clock) {
        return new SessionTokenCodec(new DatabaseKeyRing(secretBox, clock));
    }

    /** The ring's refresh thread stops with the application (tests start several in one JVM). */
    void closeSessionTokens(@jakarta.enterprise.inject.Disposes SessionTokens tokens) {
        if (tokens instanceof SessionTokenCodec codec) {
            codec.close();
        }
    }

    @Produces
    @Singleton
    SignatureVerifier signatureVerifier() {
        return new SigV4Verifier();
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }
}
