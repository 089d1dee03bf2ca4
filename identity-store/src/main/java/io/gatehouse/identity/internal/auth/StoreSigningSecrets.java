package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SigningSecret;
import io.gatehouse.identity.SigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import java.time.Clock;
import java.util.Optional;

/**
 * Secrets of long-term keys come from the store (sealed under the master key) and are handed over
 * sealed, opened only when the verifier has no signing key derived from them yet; those of
 * temporary keys from their own session token, which must name the same key. Remembers the session
 * it opened so the caller is resolved without opening the token twice. One instance per request.
 */
public final class StoreSigningSecrets implements SigningSecrets {
    private final SecretBox secretBox;
    private final SessionTokens sessionTokens;
    private final Clock clock;
    private final AccessKeyCache keys;
    private Session session;
    private AccessKeyCache.Entry accessKey;

    public StoreSigningSecrets(SecretBox secretBox, SessionTokens sessionTokens, AccessKeyCache keys, Clock clock) {
        this.secretBox = secretBox;
        this.sessionTokens = sessionTokens;
        this.keys = keys;
        this.clock = clock;
    }

    /** The AAD binding a sealed secret to its key id: a sealed secret cannot be moved to another key. */
    public static String aad(String accessKeyId) {
        return "iam-access-key:" + accessKeyId;
    }

    @Override
    public Optional<SigningSecret> secretFor(String accessKeyId, String sessionToken) {
        if (accessKeyId.startsWith("ASIA")) {
            if (sessionToken == null) {
                throw AwsException.invalidClientTokenId();
            }
            Session opened = sessionTokens.open(sessionToken, clock.instant());
            if (!opened.accessKeyId().equals(accessKeyId)) {
                throw AwsException.invalidClientTokenId();
            }
            session = opened;
            return Optional.of(SigningSecret.of(opened.secretAccessKey()));
        }
        if (sessionToken != null) {
            throw AwsException.invalidClientTokenId();
        }
        AccessKeyCache.Entry key = keys.lookup(accessKeyId);
        if (key == null || !key.active) {
            return Optional.empty();
        }
        accessKey = key;
        // The entry is this key as the store has it now (AccessKeyCache checks the account's epoch on
        // every lookup), and a new secret for the key id is sealed anew: a signing key derived from
        // an earlier secret is never found under this one. The id is the one asked for, as in the
        // associated data: a seal opens only under the id it was made for.
        String sealed = key.sealedSecret;
        return Optional.of(SigningSecret.sealed(accessKeyId, sealed,
                () -> secretBox.openFromBase64(sealed, aad(accessKeyId))));
    }

    /** The session behind a verified temporary key, or null. */
    public Session session() {
        return session;
    }

    /** The long-term key that verified, or null. */
    public AccessKeyCache.Entry accessKey() {
        return accessKey;
    }
}
