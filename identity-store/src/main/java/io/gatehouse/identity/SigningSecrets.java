package io.gatehouse.identity;

import java.util.Optional;

/** Where the verifier finds the secret of an access key. */
public interface SigningSecrets {
    /**
     * The secret access key for this key id, or empty when the key is unknown or inactive (the
     * verifier then answers exactly as for a wrong signature). For temporary keys the session token
     * is given; an invalid token throws {@link AwsException#invalidClientTokenId()}, an expired one
     * {@link AwsException#expiredToken()}.
     */
    Optional<String> secretFor(String accessKeyId, String sessionToken);
}
