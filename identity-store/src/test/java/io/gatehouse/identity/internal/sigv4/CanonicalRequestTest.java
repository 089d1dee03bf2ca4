package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalRequestTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "->", value = {
        "'' -> /",
        "/ -> /",
        "// -> /",
        "/./ -> /",
        "/a/b/../c/ -> /a/c/",
        "//example// -> /example/",
        "/a/.. -> /",
        "/John%20Doe -> /John%2520Doe",
        "/caf%C3%A9/a+b;c -> /caf%25C3%25A9/a%2Bb%3Bc",
        "/-._~AZaz09 -> /-._~AZaz09",
        "/%2E%2E/x -> /%252E%252E/x",
    })
    void canonicalUriNormalisesThenEncodesTheSentPathAgain(String rawPath, String expected) {
        assertThat(CanonicalRequest.canonicalUri(rawPath)).isEqualTo(expected);
    }

    @Test
    void canonicalQuerySortsByEncodedNameThenValueAndReencodes() {
        List<QueryParameter> query = QueryParameter.parseAll("b=2&a=z&a=y&c&%7e=~&sp=a+b%20c&&e=%2b*");
        assertThat(CanonicalRequest.canonicalQuery(query, false))
                .isEqualTo("a=y&a=z&b=2&c=&e=%2B%2A&sp=a%20b%20c&~=~");
    }

    @Test
    void presignedCanonicalQueryLeavesOutOnlyTheSignature() {
        List<QueryParameter> query = QueryParameter.parseAll("X-Amz-Signature=abc&X-Amz-Date=1&Action=X");
        assertThat(CanonicalRequest.canonicalQuery(query, true)).isEqualTo("Action=X&X-Amz-Date=1");
        assertThat(CanonicalRequest.canonicalQuery(query, false)).contains("X-Amz-Signature=abc");
    }

    @Test
    void headersAreTrimmedCollapsedAndJoined() {
        RequestHeaders headers = RequestHeaders.of(Map.of("My-Header", List.of("  a   b\t c "),
                "my-header", List.of("d"), "HOST", List.of("iam.amazonaws.com")));
        assertThat(headers.canonicalValue("my-header")).isIn("a b c,d", "d,a b c");
        assertThat(CanonicalRequest.build("GET", "/", List.of(), false, RequestHeaders.of(
                Map.of("Host", List.of(" iam.amazonaws.com "))), List.of("host"), "HASH"))
                .isEqualTo("GET\n/\n\nhost:iam.amazonaws.com\n\nhost\nHASH");
    }

    @Test
    void signingKeyMatchesAwsDocumentedDerivation() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
        byte[] key = SigningKey.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                new CredentialScope("AKIDEXAMPLE", "20120215", "us-east-1", "iam"));
        assertThat(Hashing.hex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }
}
