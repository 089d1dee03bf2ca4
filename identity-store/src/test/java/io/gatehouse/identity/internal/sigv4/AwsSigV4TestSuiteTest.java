package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectors from AWS's published Signature Version 4 test suite (as carried, Apache-2.0, by
 * aws-sdk-js-v3's {@code packages/signature-v4/src/suite.fixture.ts} and botocore's
 * {@code tests/unit/auth/aws4_testsuite}). Each request must verify with the suite's signature,
 * and must not once one character of the signature changes.
 */
class AwsSigV4TestSuiteTest {
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
    static final String SCOPE = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

    record Vector(String name, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            String body, String signedHeaders, String signature, Instant at) {
        @Override
        public String toString() {
            return name;
        }

        SignedRequest request(String signature) {
            Map<String, List<String>> all = new LinkedHashMap<>(headers);
            String scope = at.equals(AT) ? SCOPE
                    : "Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, ";
            all.put("Authorization", List.of("AWS4-HMAC-SHA256 " + scope + "SignedHeaders=" + signedHeaders
                    + ", Signature=" + signature));
            return new SignedRequest(method, rawPath, rawQuery, all, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Vector v(String name, String method, String path, String query, String signature,
            String... extraHeaders) {
        return vh(name, method, path, query, "", "host;x-amz-date", signature, extraHeaders);
    }

    static Vector vh(String name, String method, String path, String query, String body, String signedHeaders,
            String signature, String... extraHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("example.amazonaws.com"));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.computeIfAbsent(extraHeaders[i], k -> new java.util.ArrayList<>()).add(extraHeaders[i + 1]);
        }
        return new Vector(name, method, path, query, headers, body, signedHeaders, signature, AT);
    }

    static Stream<Vector> vectors() {
        String vanilla = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return Stream.of(
                v("get-vanilla", "GET", "/", "", vanilla),
                // Path normalisation: these reduce to get-vanilla's canonical request.
                v("get-slash", "GET", "//", "", vanilla),
                v("get-slash-dot-slash", "GET", "/./", "", vanilla),
                v("get-relative-relative", "GET", "/example1/example2/../..", "", vanilla),
                v("get-unreserved", "GET", "/" + unreserved, "",
                        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
                v("get-utf8", "GET", "/ሴ", "", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
                v("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1",
                        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
                v("get-vanilla-query-unreserved", "GET", "/", unreserved + "=" + unreserved,
                        "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
                v("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar",
                        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
                v("post-vanilla-query-nonunreserved", "POST", "/",
                        "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
                        "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"),
                vh("get-header-key-duplicate", "GET", "/", "", "", "host;my-header1;x-amz-date",
                        "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
                        "My-Header1", "value2", "My-Header1", "value2", "My-Header1", "value1"),
                vh("get-header-value-trim", "GET", "/", "", "", "host;my-header1;my-header2;x-amz-date",
                        "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
                        "My-Header1", " value1 ", "My-Header2", "\"a   b   c\""),
                vh("post-header-value-case", "POST", "/", "", "", "host;my-header1;x-amz-date",
                        "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d", "My-Header1", "VALUE1"),
                vh("post-x-www-form-urlencoded", "POST", "/", "", "Param1=value1", "content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
                        "Content-Type", "application/x-www-form-urlencoded"),
                vh("post-x-www-form-urlencoded-parameters", "POST", "/", "", "Param1=value1",
                        "content-type;host;x-amz-date",
                        "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
                        "Content-Type", "application/x-www-form-urlencoded; charset=utf8"),
                // The 2011 suite: no X-Amz-Date, only an RFC 1123 Date header (whose day name is wrong).
                new Vector("get-vanilla (2011, Date header)", "GET", "/", "",
                        Map.of("Host", List.of("host.foo.com"), "Date", List.of("Mon, 09 Sep 2011 23:36:00 GMT")),
                        "", "date;host", "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470",
                        Instant.parse("2011-09-09T23:36:00Z")));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void verifies(Vector vector) {
        SignatureCheck check = new SigV4Verifier().verify(vector.request(vector.signature()),
                new FixedSecrets(Map.of(KEY, SECRET)), vector.at());
        assertThat(check.accessKeyId()).isEqualTo(KEY);
        assertThat(check.signedAt()).isEqualTo(vector.at());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void refusesAnyOtherSignature(Vector vector) {
        String sig = vector.signature();
        String flipped = sig.substring(0, 10) + (sig.charAt(10) == '0' ? '1' : '0') + sig.substring(11);
        assertThatThrownBy(() -> new SigV4Verifier().verify(vector.request(flipped),
                new FixedSecrets(Map.of(KEY, SECRET)), vector.at()))
                .hasFieldOrPropertyWithValue("code", "SignatureDoesNotMatch");
    }
}
