package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests forwarded by a resource server without their body verify against the payload hash it sends. */
class SigV4VerifierForwardedTest {
    private final SigV4Verifier verifier = new SigV4Verifier();
    private final FixedSecrets secrets = new FixedSecrets(Map.of(SigV4VerifierSdkTest.KEY, SigV4VerifierSdkTest.SECRET));

    private static SignedRequest withoutBody() {
        SignedRequest signed = SigV4VerifierSdkTest.signedFormPost();
        return new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(), new byte[0]);
    }

    private static String hash(String body) {
        return Hashing.hex(Hashing.sha256(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(String payloadHash, String code) {
        assertThatThrownBy(() -> verifier.verifyForwarded(withoutBody(), payloadHash, secrets,
                SigV4VerifierSdkTest.AT)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo(code);
    }

    @Test
    void theBodysHashStandsInForTheBody() {
        assertThat(verifier.verifyForwarded(withoutBody(), hash(SigV4VerifierSdkTest.FORM), secrets,
                SigV4VerifierSdkTest.AT).accessKeyId()).isEqualTo(SigV4VerifierSdkTest.KEY);
        assertThat(verifier.verifyForwarded(withoutBody(), hash(SigV4VerifierSdkTest.FORM).toUpperCase(), secrets,
                SigV4VerifierSdkTest.AT).service()).isEqualTo("iam");
    }

    @Test
    void anotherBodysHashDoesNotMatch() {
        assertRefused(hash("Action=DeleteUser&UserName=admin&Version=2010-05-08"), "SignatureDoesNotMatch");
    }

    @Test
    void aHashThatIsNoHashIsIncomplete() {
        assertRefused("not-a-hash", "IncompleteSignature");
        assertRefused("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "IncompleteSignature");
    }

    @Test
    void timeIsCheckedAsForDirectRequests() {
        assertThatThrownBy(() -> verifier.verifyForwarded(withoutBody(), hash(SigV4VerifierSdkTest.FORM), secrets,
                SigV4VerifierSdkTest.AT.plusSeconds(3600))).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("RequestTimeTooSkewed");
    }
}
