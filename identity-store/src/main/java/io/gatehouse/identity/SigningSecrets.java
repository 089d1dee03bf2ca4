package io.gatehouse.identity;

import java.util.Optional;

/** Where the verifier finds the secret of an access key. */
public interface SigningSecrets {
    /**
     * The secret for this key id, or empty when the key is unknown or inactive (the verifier then
     * answers exactly as for a wrong signature). For temporary keys the session token is given; an
     * invalid token throws {@link AwsException#invalidClientTokenId()}, an expired one
     * {@link AwsException#expiredToken()}. A long-term key's secret may be handed over still
     * {@link SigningSecret#sealed sealed}, so that a verifier holding a key derived from it need not
     * open it.
     */
    Optional<SigningSecret> secretFor(String accessKeyId, String sessionToken);
}
