package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed, incomplete or conflicting authentication is refused before any secret is looked up. */
class SigV4VerifierRefusalTest {
    static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    static final String SIG = "a".repeat(64);
    static final String CREDENTIAL = "AKIAIOSFODNN7EXAMPLE/20261123/us-east-1/iam/aws4_request";

    private final FixedSecrets secrets = new FixedSecrets(Map.of());

    static SignedRequest withAuthorization(String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("iam.amazonaws.com"));
        headers.put("X-Amz-Date", List.of("20261123T120000Z"));
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        return new SignedRequest("POST", "/", "", headers, new byte[0]);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SignedRequest request, String code) {
        return assertThatThrownBy(() -> new SigV4Verifier().verify(request, secrets, AT))
                .isInstanceOf(AwsException.class).hasFieldOrPropertyWithValue("code", code);
    }

    @Test
    void noAuthenticationAtAll() {
        assertRefused(withAuthorization(null), "MissingAuthenticationToken");
        assertThat(secrets.lookedUpTokens).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "AWS4-HMAC-SHA256",
        "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=",
        "AWS4-HMAC-SHA1 Credential=" + CREDENTIAL + ", SignedHeaders=host;x-amz-date, Signature=" + "a",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host;x-amz-date",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", Signature=secret-looking-value",
        "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=secret-looking-value",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261123/us-east-1/iam, SignedHeaders=host, Signature=x",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261123/us-east-1/iam/aws5_request, SignedHeaders=host, "
                + "Signature=x",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2026-11-23/us-east-1/iam/aws4_request, SignedHeaders=host, "
                + "Signature=x",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE//us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host;;x-amz-date, Signature=x",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=x, Signature=y",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature",
    })
    void malformedAuthorizationHeaders(String authorization) {
        assertRefused(withAuthorization(authorization), "IncompleteSignature")
                .message().doesNotContain("secret-looking-value");
    }

    @Test
    void signedHeadersMustIncludeHost() {
        assertRefused(withAuthorization("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                + ", SignedHeaders=content-type;x-amz-date, Signature=" + SIG), "IncompleteSignature")
                .hasMessageContaining("'host'");
    }

    @Test
    void spacesAndCommasAreToleratedAsAwsDoes() {
        // Well formed in odd spacing: it gets as far as the signature check (key unknown here).
        for (String auth : List.of(
                "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=host;x-amz-date,Signature=" + SIG,
                "  AWS4-HMAC-SHA256   Signature=" + SIG + " ,  Credential=" + CREDENTIAL + "  SignedHeaders=host  ")) {
            assertRefused(withAuthorization(auth), "SignatureDoesNotMatch");
        }
    }

    @Test
    void missingDateIsIncomplete() {
        SignedRequest r = withAuthorization("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                + ", SignedHeaders=host, Signature=" + SIG);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove("X-Amz-Date");
        assertRefused(new SignedRequest("POST", "/", "", headers, new byte[0]), "IncompleteSignature")
                .hasMessageContaining("'X-Amz-Date' or a 'Date' header");
        headers.put("x-amz-date", List.of("2026-11-23T12:00:00Z"));
        assertRefused(new SignedRequest("POST", "/", "", headers, new byte[0]), "IncompleteSignature");
    }

    @Test
    void scopeDateMustEqualRequestDate() {
        assertRefused(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/iam/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIG), "SignatureDoesNotMatch")
                .hasMessageContaining("'20261122' != '20261123'");
    }

    @Test
    void headerAndPresignedTogetherAreRefused() {
        SignedRequest r = withAuthorization("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                + ", SignedHeaders=host;x-amz-date, Signature=" + SIG);
        assertRefused(new SignedRequest("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + SIG,
                r.headers(), new byte[0]), "IncompleteSignature");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "X-Amz-Signature=" + "a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Date=20261123T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Date=20261123T120000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Date=20261123T120000Z&X-Amz-Expires=0&X-Amz-SignedHeaders=host&X-Amz-Signature=a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Date=20261123T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=x-amz-date&X-Amz-Signature=a",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261123%2Fus-east-1%2Fiam%2Faws4_request"
                + "&X-Amz-Date=20261123T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=a"
                + "&X-Amz-Signature=b",
    })
    void malformedPresignedQueries(String query) {
        assertRefused(new SignedRequest("GET", "/", query, Map.of("Host", List.of("iam.amazonaws.com")),
                new byte[0]), "IncompleteSignature");
    }

    @Test
    void declaredPayloadHashMustMatchTheBody() {
        SignedRequest r = withAuthorization("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + SIG);
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put("X-Amz-Content-Sha256", List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        byte[] body = "Action=CreateUser".getBytes(StandardCharsets.UTF_8);
        assertRefused(new SignedRequest("POST", "/", "", headers, body), "SignatureDoesNotMatch");
        headers.put("X-Amz-Content-Sha256", List.of("UNSIGNED-PAYLOAD"));
        assertRefused(new SignedRequest("POST", "/", "", headers, body), "IncompleteSignature");
        assertThat(secrets.lookedUpTokens).isEmpty();
    }
}
