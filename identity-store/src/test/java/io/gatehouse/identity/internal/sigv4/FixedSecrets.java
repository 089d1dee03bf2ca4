package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.SigningSecret;
import io.gatehouse.identity.SigningSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Secrets from a map; remembers the lookups so tests can check the session token was passed on. */
final class FixedSecrets implements SigningSecrets {
    private final Map<String, String> secrets;
    final List<String> lookedUpTokens = new ArrayList<>();

    FixedSecrets(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    @Override
    public Optional<SigningSecret> secretFor(String accessKeyId, String sessionToken) {
        lookedUpTokens.add(sessionToken);
        return Optional.ofNullable(secrets.get(accessKeyId)).map(SigningSecret::of);
    }
}
