package io.gatehouse.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final byte[] AAD = "iam:access-key:AKIAEXAMPLE".getBytes(StandardCharsets.UTF_8);

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretBox box = SecretBox.of(randomKey());

    @Test
    void roundTrip() {
        byte[] secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = box.seal(secret, AAD);

        assertThat(sealed).hasSize(SecretBox.OVERHEAD + secret.length);
        assertThat(sealed[0]).isEqualTo(SecretBox.VERSION);
        assertThat(SecretBox.keyIdOf(sealed)).isEqualTo(box.keyId());
        assertThat(box.open(sealed, AAD)).isEqualTo(secret);
    }

    @Test
    void emptyPlaintextAndNullAadRoundTrip() {
        assertThat(box.open(box.seal(new byte[0], null), new byte[0])).isEmpty();
    }

    @Test
    void sealingTwiceGivesDifferentBoxes() {
        byte[] secret = {1, 2, 3};
        assertThat(box.seal(secret, AAD)).isNotEqualTo(box.seal(secret, AAD));
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] sealed = box.seal("a small secret".getBytes(StandardCharsets.UTF_8), AAD);
        // version, key id, nonce, ciphertext and tag: every byte position.
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(altered, AAD)).as("byte %d", i).isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void truncatedOrExtendedIsRefused() {
        byte[] sealed = box.seal(new byte[] {42}, AAD);
        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> box.open(truncated, AAD)).isInstanceOf(SecretBoxException.class);
        }
        assertThatThrownBy(() -> box.open(Arrays.copyOf(sealed, sealed.length + 1), AAD))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(null, AAD)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void wrongAadIsRefused() {
        byte[] sealed = box.seal(new byte[] {1, 2, 3}, AAD);
        assertThatThrownBy(() -> box.open(sealed, "iam:access-key:AKIAOTHER".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(sealed, null)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void wrongKeyIsRefused() {
        byte[] sealed = box.seal(new byte[] {1, 2, 3}, AAD);
        assertThatThrownBy(() -> SecretBox.of(randomKey()).open(sealed, AAD))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("another master key");
    }

    @Test
    void base64Convenience() {
        String sealed = box.sealToBase64("JBSWY3DPEHPK3PXP", "mfa:seed:arn:aws:iam::123456789012:mfa/alice");

        assertThat(box.openFromBase64(sealed, "mfa:seed:arn:aws:iam::123456789012:mfa/alice")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> box.openFromBase64(sealed, "mfa:seed:arn:aws:iam::123456789012:mfa/bob"))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.openFromBase64("not base64!", "x")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void messagesAndToStringNeverShowData() {
        byte[] key = randomKey();
        SecretBox keyed = SecretBox.of(key);
        String sealed = keyed.sealToBase64("TOPSECRETVALUE", "aad");
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        String altered = Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> keyed.openFromBase64(altered, "aad"))
                .isInstanceOf(SecretBoxException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRETVALUE", altered, "aad"));
        assertThat(keyed.toString()).doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void keyMustBe32Bytes() {
        assertThatThrownBy(() -> SecretBox.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
