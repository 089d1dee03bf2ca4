package io.gatehouse.identity.internal;

import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.KeyProtection;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.crypto.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The audit module's {@link KeyProtection}: its digest signing key sealed with the master key's
 * {@link SecretBox} (AES-256-GCM, bound to the purpose), as base64.
 */
@ApplicationScoped
public class AuditKeyProtection implements KeyProtection {

    private final SecretBox box;

    @Inject
    public AuditKeyProtection(SecretBox box) {
        this.box = box;
    }

    @Override
    public String seal(byte[] plaintext, String purpose) {
        return Base64.getEncoder().encodeToString(box.seal(plaintext, purpose.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] open(String sealed, String purpose) {
        try {
            return box.open(Base64.getDecoder().decode(sealed), purpose.getBytes(StandardCharsets.UTF_8));
        } catch (SecretBoxException | IllegalArgumentException e) {
            throw new AuditException("the audit signing key does not open under the master key: " + e.getMessage());
        }
    }
}
