package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The AWS SDK for Java v2's signer is the judge: what it signs must verify, and nothing altered may. */
class SigV4VerifierSdkTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    static final String FORM = "Action=ListUsers&Version=2010-05-08";

    private final SigV4Verifier verifier = new SigV4Verifier();
    private final FixedSecrets secrets = new FixedSecrets(Map.of(KEY, SECRET, "ASIAEXAMPLETEMPKEY00", SECRET));

    static SdkHttpRequest formPost() {
        return SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.POST).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    }

    static SignedRequest signedFormPost() {
        return SdkSigner.sign(formPost(), FORM, AwsCredentialsIdentity.create(KEY, SECRET), AT);
    }

    private SignatureCheck verify(SignedRequest request, Instant now) {
        return verifier.verify(request, secrets, now);
    }

    private void assertRefused(SignedRequest request, Instant now, String code) {
        assertThatThrownBy(() -> verify(request, now)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo(code);
    }

    @Test
    void formPostListUsersVerifies() {
        SignatureCheck check = verify(signedFormPost(), AT.plusSeconds(30));
        assertThat(check).isEqualTo(new SignatureCheck(KEY, null, "us-east-1", "iam", AT, false));
    }

    @Test
    void getWithQueryValuesThatNeedEncodingVerifies() {
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "ListUsers")
                .putRawQueryParameter("PathPrefix", "/division a/b=c~d/")
                .putRawQueryParameter("Marker", "héllo ሴ +*")
                .putRawQueryParameter("Empty", "")
                .putRawQueryParameter("Repeated", List.of("z", "a"))
                .build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT);
        assertThat(signed.rawQuery()).contains("%20").contains("%2F");
        assertThat(verify(signed, AT).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void pathWithCharactersThatNeedEncodingVerifies() {
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET)
                .encodedPath("/users/John%20Doe/caf%C3%A9/a%2Bb;c@d!").build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT);
        assertThat(verify(signed, AT).presigned()).isFalse();
    }

    @Test
    void sessionTokenIsPassedToTheSecretLookupAndReturned() {
        var identity = AwsSessionCredentialsIdentity.create("ASIAEXAMPLETEMPKEY00", SECRET, "FwoGZXIvYXdzEXAMPLE+/=");
        SignedRequest signed = SdkSigner.sign(formPost(), FORM, identity, AT);
        SignatureCheck check = verify(signed, AT);
        assertThat(check.sessionToken()).isEqualTo("FwoGZXIvYXdzEXAMPLE+/=");
        assertThat(secrets.lookedUpTokens).containsExactly("FwoGZXIvYXdzEXAMPLE+/=");
    }

    @Test
    void presignedGetVerifies() {
        SdkHttpRequest request = SdkSigner.https("sts.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15").build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT,
                Duration.ofMinutes(15));
        assertThat(signed.rawQuery()).contains("X-Amz-Signature=");
        SignatureCheck check = verify(signed, AT.plus(Duration.ofMinutes(14)));
        assertThat(check).isEqualTo(new SignatureCheck(KEY, null, "us-east-1", "iam", AT, true));
    }

    @Test
    void presignedWithSessionTokenVerifies() {
        var identity = AwsSessionCredentialsIdentity.create("ASIAEXAMPLETEMPKEY00", SECRET, "token/with+odd=chars");
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "ListUsers").build();
        SignedRequest signed = SdkSigner.sign(request, "", identity, AT, Duration.ofSeconds(60));
        assertThat(verify(signed, AT).sessionToken()).isEqualTo("token/with+odd=chars");
    }

    @Test
    void alteredBodyIsRefused() {
        SignedRequest signed = signedFormPost();
        SignedRequest altered = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), "Action=DeleteUser&Version=2010-05-08".getBytes(StandardCharsets.UTF_8));
        assertRefused(altered, AT, "SignatureDoesNotMatch");
    }

    @Test
    void alteredSignedHeaderIsRefused() {
        SignedRequest signed = signedFormPost();
        assertRefused(withHeader(signed, "Host", "evil.example.com"), AT, "SignatureDoesNotMatch");
        assertRefused(withHeader(signed, "Content-Type", "application/json"), AT, "SignatureDoesNotMatch");
    }

    @Test
    void unsignedHeaderMayChange() {
        assertThat(verify(withHeader(signedFormPost(), "User-Agent", "curl/8"), AT)).isNotNull();
    }

    @Test
    void headerNamesInAnyCaseVerify() {
        SignedRequest signed = signedFormPost();
        Map<String, List<String>> upper = new LinkedHashMap<>();
        signed.headers().forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        assertThat(verify(new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), upper,
                signed.body()), AT)).isNotNull();
    }

    @Test
    void differentSecretIsRefused() {
        FixedSecrets other = new FixedSecrets(Map.of(KEY, "another-secret-entirely-0000000000000000"));
        assertThatThrownBy(() -> verifier.verify(signedFormPost(), other, AT))
                .hasFieldOrPropertyWithValue("code", "SignatureDoesNotMatch");
    }

    @Test
    void unknownKeyIsRefusedAsAWrongSignature() {
        FixedSecrets none = new FixedSecrets(Map.of());
        assertThatThrownBy(() -> verifier.verify(signedFormPost(), none, AT))
                .isInstanceOf(AwsException.class)
                .hasFieldOrPropertyWithValue("code", "SignatureDoesNotMatch")
                .hasMessage(AwsException.signatureDoesNotMatch().getMessage());
    }

    @Test
    void sixMinutesOfSkewEitherWayIsRefused() {
        SignedRequest signed = signedFormPost();
        assertRefused(signed, AT.plus(Duration.ofMinutes(6)), "RequestTimeTooSkewed");
        assertRefused(signed, AT.minus(Duration.ofMinutes(6)), "RequestTimeTooSkewed");
        assertThatThrownBy(() -> verify(signed, AT.plus(Duration.ofMinutes(6))))
                .hasMessage("Signature expired: 20261123T120000Z is now earlier than 20261123T120100Z "
                        + "(20261123T120600Z - 5 min.)");
        assertThat(verify(signed, AT.plus(Duration.ofMinutes(5)))).isNotNull();
        assertThat(verify(signed, AT.minus(Duration.ofMinutes(5)))).isNotNull();
    }

    @Test
    void expiredPresignedUrlIsRefused() {
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "ListUsers").build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT,
                Duration.ofSeconds(300));
        assertThat(verify(signed, AT.plusSeconds(300))).isNotNull();
        assertRefused(signed, AT.plusSeconds(301), "RequestExpired");
        assertRefused(signed, AT.minus(Duration.ofMinutes(6)), "RequestTimeTooSkewed");
    }

    @Test
    void presignedUrlWithAnUnsignedBodyIsRefused() {
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "GetUser").build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT,
                Duration.ofSeconds(300));
        SignedRequest withBody = new SignedRequest("GET", signed.rawPath(), signed.rawQuery(), signed.headers(),
                "Action=CreateUser&UserName=mallory".getBytes(StandardCharsets.UTF_8));
        assertRefused(withBody, AT, "SignatureDoesNotMatch");
    }

    @Test
    void alteredPresignedQueryIsRefused() {
        SdkHttpRequest request = SdkSigner.https("iam.amazonaws.com").method(SdkHttpMethod.GET).encodedPath("/")
                .putRawQueryParameter("Action", "GetUser").build();
        SignedRequest signed = SdkSigner.sign(request, "", AwsCredentialsIdentity.create(KEY, SECRET), AT,
                Duration.ofSeconds(300));
        SignedRequest altered = new SignedRequest("GET", signed.rawPath(),
                signed.rawQuery().replace("Action=GetUser", "Action=DeleteUser"), signed.headers(), signed.body());
        assertRefused(altered, AT, "SignatureDoesNotMatch");
        SignedRequest longer = new SignedRequest("GET", signed.rawPath(),
                signed.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=3600"), signed.headers(), signed.body());
        assertRefused(longer, AT, "SignatureDoesNotMatch");
    }

    static SignedRequest withHeader(SignedRequest r, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                headers.put(k, v);
            }
        });
        headers.put(name, List.of(value));
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }
}
