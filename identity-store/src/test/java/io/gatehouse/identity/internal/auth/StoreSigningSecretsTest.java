package io.gatehouse.identity.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.SessionTokens;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.crypto.SecretBoxException;
import io.gatehouse.identity.internal.sigv4.SdkSigner;
import io.gatehouse.identity.internal.sigv4.SigV4Verifier;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The store's secrets as the verifier sees them, with the key cache's entries standing in for the
 * database: whatever signing keys the verifier has cached, a key verifies only with the secret the
 * store holds for it now, and only while it is active.
 */
class StoreSigningSecretsTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String OTHER_KEY = "AKIAI44QH8DHBEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String NEW_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

    private final SecretBox box = newBox();
    private final StoreKeys keys = new StoreKeys();
    private final SigV4Verifier verifier = new SigV4Verifier();

    /** The key cache as the store would answer it now, without a database. */
    private static final class StoreKeys extends AccessKeyCache {
        final Map<String, Entry> current = new HashMap<>();

        @Override
        public Entry lookup(String keyId) {
            return current.get(keyId);
        }
    }

    private static SecretBox newBox() {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        return SecretBox.of(master);
    }

    private AccessKeyCache.Entry entry(String keyId, String sealedSecret, String status, long epoch) {
        AccessKeyEntity key = new AccessKeyEntity();
        key.id = keyId;
        key.accountId = "111122223333";
        key.userId = "AIDAEXAMPLEEXAMPLE000";
        key.status = status;
        key.secretSealed = sealedSecret;
        return new AccessKeyCache.Entry(key, epoch);
    }

    private void store(String keyId, String secret, String status, long epoch) {
        keys.current.put(keyId, entry(keyId, box.sealToBase64(secret, StoreSigningSecrets.aad(keyId)), status, epoch));
    }

    private StoreSigningSecrets secrets(SessionTokens tokens) {
        return new StoreSigningSecrets(box, tokens, keys, CLOCK);
    }

    private static SignedRequest signed(AwsCredentialsIdentity identity) {
        return SdkSigner.sign(SdkSigner.https("sts.amazonaws.com").method(SdkHttpMethod.POST).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                "Action=GetCallerIdentity&Version=2011-06-15", identity, AT);
    }

    private static SignedRequest signed(String keyId, String secret) {
        return signed(AwsCredentialsIdentity.create(keyId, secret));
    }

    private void assertDoesNotMatch(SignedRequest request) {
        StoreSigningSecrets secrets = secrets(null);
        assertThatThrownBy(() -> verifier.verify(request, secrets, AT)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("SignatureDoesNotMatch");
    }

    private void assertVerifies(SignedRequest request, String keyId) {
        StoreSigningSecrets secrets = secrets(null);
        assertThat(verifier.verify(request, secrets, AT).accessKeyId()).isEqualTo(keyId);
        assertThat(secrets.accessKey().keyId()).isEqualTo(keyId);
    }

    @Test
    void anActiveKeyVerifiesAgainAndAgain() {
        store(KEY, SECRET, "Active", 1);
        for (int i = 0; i < 3; i++) {
            assertVerifies(signed(KEY, SECRET), KEY);
        }
        assertDoesNotMatch(signed(KEY, NEW_SECRET));
    }

    @Test
    void aDeactivatedOrDeletedKeyNoLongerVerifies() {
        store(KEY, SECRET, "Active", 1);
        assertVerifies(signed(KEY, SECRET), KEY);
        // The account's epoch moved: the cache hands back the key as it is now.
        keys.current.put(KEY, entry(KEY, keys.current.get(KEY).sealedSecret, "Inactive", 2));
        assertDoesNotMatch(signed(KEY, SECRET));
        keys.current.remove(KEY);
        assertDoesNotMatch(signed(KEY, SECRET));
    }

    @Test
    void aKeyCreatedAgainUnderTheSameIdVerifiesOnlyWithItsNewSecret() {
        store(KEY, SECRET, "Active", 1);
        assertVerifies(signed(KEY, SECRET), KEY);
        store(KEY, NEW_SECRET, "Active", 2);
        assertDoesNotMatch(signed(KEY, SECRET));
        assertVerifies(signed(KEY, NEW_SECRET), KEY);
    }

    @Test
    void aSealedSecretCopiedOntoAnotherKeyDoesNotOpenEvenWhenItsKeyIsCached() {
        store(KEY, SECRET, "Active", 1);
        assertVerifies(signed(KEY, SECRET), KEY);
        keys.current.put(OTHER_KEY, entry(OTHER_KEY, keys.current.get(KEY).sealedSecret, "Active", 1));
        assertThatThrownBy(() -> verifier.verify(signed(OTHER_KEY, SECRET), secrets(null), AT))
                .isInstanceOf(SecretBoxException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void aTemporaryKeyTakesItsSecretFromItsSessionToken() {
        String tempKey = "ASIAJEXAMPLEXEG2JICEA";
        Session session = new Session(tempKey, NEW_SECRET, "AssumeRole", "111122223333",
                "arn:aws:sts::111122223333:assumed-role/r/s", null, null, "s", AT.minusSeconds(60),
                AT.plusSeconds(3600), null, null, null, null, null, null);
        SessionTokens tokens = new SessionTokens() {
            @Override
            public String seal(Session s) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Session open(String token, Instant now) {
                if (!token.equals("token-1")) {
                    throw AwsException.invalidClientTokenId();
                }
                return session;
            }
        };
        StoreSigningSecrets secrets = secrets(tokens);
        SignedRequest request = signed(AwsSessionCredentialsIdentity.create(tempKey, NEW_SECRET, "token-1"));
        assertThat(verifier.verify(request, secrets, AT).sessionToken()).isEqualTo("token-1");
        assertThat(secrets.session()).isSameAs(session);

        SignedRequest wrongSecret = signed(AwsSessionCredentialsIdentity.create(tempKey, SECRET, "token-1"));
        assertThatThrownBy(() -> verifier.verify(wrongSecret, secrets(tokens), AT))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("SignatureDoesNotMatch");
    }
}
