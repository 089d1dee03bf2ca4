package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import java.time.Clock;
import java.util.Optional;

/**
 * Secrets of long-term keys come from the store (sealed under the master key); those of temporary
 * keys from their own session token, which must name the same key. Remembers the session it opened
 * so the caller is resolved without opening the token twice. One instance per request.
 */
public final class StoreSigningSecrets implements SigningSecrets {
    private final SecretBox secretBox;
    private final SessionTokens sessionTokens;
    private final Clock clock;
    private Session session;
    private AccessKeyEntity accessKey;

    public StoreSigningSecrets(SecretBox secretBox, SessionTokens sessionTokens, Clock clock) {
        this.secretBox = secretBox;
        this.sessionTokens = sessionTokens;
        this.clock = clock;
    }

    /** The AAD binding a sealed secret to its key id: a sealed secret cannot be moved to another key. */
    public static String aad(String accessKeyId) {
        return "iam-access-key:" + accessKeyId;
    }

    @Override
    public Optional<String> secretFor(String accessKeyId, String sessionToken) {
        if (accessKeyId.startsWith("ASIA")) {
            if (sessionToken == null) {
                throw AwsException.invalidClientTokenId();
            }
            Session opened = sessionTokens.open(sessionToken, clock.instant());
            if (!opened.accessKeyId().equals(accessKeyId)) {
                throw AwsException.invalidClientTokenId();
            }
            session = opened;
            return Optional.of(opened.secretAccessKey());
        }
        if (sessionToken != null) {
            throw AwsException.invalidClientTokenId();
        }
        AccessKeyEntity key = AccessKeyEntity.findById(accessKeyId);
        if (key == null || !"Active".equals(key.status)) {
            return Optional.empty();
        }
        accessKey = key;
        return Optional.of(secretBox.openFromBase64(key.secretSealed, aad(accessKeyId)));
    }

    /** The session behind a verified temporary key, or null. */
    public Session session() {
        return session;
    }

    /** The long-term key that verified, or null. */
    public AccessKeyEntity accessKey() {
        return accessKey;
    }
}
