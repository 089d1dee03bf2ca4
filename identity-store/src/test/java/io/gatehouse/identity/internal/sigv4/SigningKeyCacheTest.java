package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.SigningSecret;
import io.gatehouse.identity.SigningSecrets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Derived signing keys are cached by what identifies a secret, never by the secret: a sealed secret
 * is opened only for a scope it has no key for yet, and a key derived from one secret is never used
 * for another, whatever the key id.
 */
class SigningKeyCacheTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String NEW_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    private final SigV4Verifier verifier = new SigV4Verifier();

    /** A store's answer for one key: its secret sealed (the text made unique per test run), counting opens. */
    private static final class SealedKey implements SigningSecrets {
        final AtomicInteger opens = new AtomicInteger();
        final String keyId;
        final String sealedText;
        final Supplier<String> open;

        SealedKey(String keyId, String sealedText, String secret) {
            this.keyId = keyId;
            this.sealedText = sealedText;
            this.open = () -> {
                opens.incrementAndGet();
                return secret;
            };
        }

        @Override
        public Optional<SigningSecret> secretFor(String accessKeyId, String sessionToken) {
            return accessKeyId.equals(keyId) ? Optional.of(SigningSecret.sealed(keyId, sealedText, open))
                    : Optional.empty();
        }
    }

    private static SignedRequest signed(String keyId, String secret, Instant at) {
        return SdkSigner.sign(SigV4VerifierSdkTest.formPost(), SigV4VerifierSdkTest.FORM,
                AwsCredentialsIdentity.create(keyId, secret), at);
    }

    private static String unique(String label) {
        return label + "/" + UUID.randomUUID();
    }

    private void assertDoesNotMatch(SignedRequest request, SigningSecrets secrets) {
        assertThatThrownBy(() -> verifier.verify(request, secrets, AT)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void aSealedSecretIsOpenedOncePerScope() {
        SealedKey store = new SealedKey(KEY, unique("v1"), SECRET);
        for (int i = 0; i < 3; i++) {
            assertThat(verifier.verify(signed(KEY, SECRET, AT.plusSeconds(i)), store, AT).accessKeyId())
                    .isEqualTo(KEY);
        }
        assertThat(store.opens).hasValue(1);
        // Another day is another scope: its key is derived, so the secret is opened again.
        Instant nextDay = AT.plusSeconds(86_400);
        verifier.verify(signed(KEY, SECRET, nextDay), store, nextDay);
        assertThat(store.opens).hasValue(2);
    }

    @Test
    void aNewSecretForTheSameKeyIdNeverVerifiesWithTheOldOne() {
        SealedKey before = new SealedKey(KEY, unique("v1"), SECRET);
        SignedRequest withOldSecret = signed(KEY, SECRET, AT);
        verifier.verify(withOldSecret, before, AT);

        // Deleted and created again under the same id (or rotated in place): sealed anew, so another identity.
        SealedKey after = new SealedKey(KEY, unique("v2"), NEW_SECRET);
        assertDoesNotMatch(withOldSecret, after);
        assertThat(verifier.verify(signed(KEY, NEW_SECRET, AT), after, AT).accessKeyId()).isEqualTo(KEY);
        assertDoesNotMatch(signed(KEY, NEW_SECRET, AT), before);
    }

    @Test
    void theSameSealedTextUnderAnotherKeyIdIsAnotherSecret() {
        String sealedText = unique("copied");
        verifier.verify(signed(KEY, SECRET, AT), new SealedKey(KEY, sealedText, SECRET), AT);

        // A seal is bound to its key id: copied onto another key it must be opened (and there fail),
        // not found in the cache.
        String other = "AKIAI44QH8DHBEXAMPLE";
        SealedKey copied = new SealedKey(other, sealedText, NEW_SECRET);
        assertDoesNotMatch(signed(other, SECRET, AT), copied);
        assertThat(copied.opens).hasValue(1);
    }

    @Test
    void aSecretThatDoesNotOpenIsNotCached() {
        String sealedText = unique("damaged");
        SigningSecrets damaged = (keyId, token) -> Optional.of(SigningSecret.sealed(KEY, sealedText, () -> {
            throw new IllegalStateException("sealed secret does not authenticate");
        }));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> verifier.verify(signed(KEY, SECRET, AT), damaged, AT))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unknownKeysAreRefusedAsAWrongSignatureIs() {
        SealedKey store = new SealedKey(KEY, unique("v1"), SECRET);
        assertDoesNotMatch(signed("AKIAI44QH8DHBEXAMPLE", SECRET, AT), store);
        assertDoesNotMatch(signed(KEY, NEW_SECRET, AT), store);
    }

    @Test
    void plainSecretsAreIdentifiedByADigest() {
        SigningSecret one = SigningSecret.of(SECRET);
        assertThat(one.identity()).isEqualTo(SigningSecret.of(SECRET).identity())
                .isNotEqualTo(SigningSecret.of(NEW_SECRET).identity())
                .isNotEqualTo(SigningSecret.sealed(KEY, SECRET, () -> SECRET).identity());
        assertThat(one.reveal()).isEqualTo(SECRET);
        assertThat(String.valueOf(one.identity())).doesNotContain(SECRET);
        assertThat(one.toString()).doesNotContain(SECRET);
        SigningSecret sealed = SigningSecret.sealed(KEY, "sealed-text", () -> SECRET);
        assertThat(sealed.toString()).doesNotContain(SECRET).doesNotContain("sealed-text");
        assertThat(String.valueOf(sealed.identity())).doesNotContain("sealed-text");
    }
}
