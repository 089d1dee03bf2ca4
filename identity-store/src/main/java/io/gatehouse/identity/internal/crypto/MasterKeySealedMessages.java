package io.gatehouse.identity.internal.crypto;

import io.gatehouse.identity.SealedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** {@link SealedMessages} under the master key's {@link SecretBox}, the purpose as associated data. */
@ApplicationScoped
public class MasterKeySealedMessages implements SealedMessages {
    private static final int MAX_SEALED_CHARS = 64 * 1024;

    @Inject
    SecretBox secretBox;

    @Override
    public String seal(String purpose, byte[] message) {
        Objects.requireNonNull(purpose, "purpose");
        byte[] sealed = secretBox.seal(message, aad(purpose));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @Override
    public Optional<byte[]> open(String purpose, String sealed) {
        if (sealed == null || sealed.isBlank() || sealed.length() > MAX_SEALED_CHARS) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.trim());
            return Optional.of(secretBox.open(bytes, aad(purpose)));
        } catch (IllegalArgumentException | SecretBoxException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(String purpose) {
        return ("gatehouse-message:" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
