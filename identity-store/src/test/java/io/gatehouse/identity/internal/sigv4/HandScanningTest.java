package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written scanners on the per-request path answer exactly as the regular expressions and
 * {@code split} calls they replaced: same result, or same refusal with the same message. The
 * replaced code is kept below as the oracle; odd inputs are listed, then generated at random from
 * the fragments that matter (separators, '=', '/', ';', digits, whitespace inside and outside
 * regex {@code \s}).
 */
class HandScanningTest {
    private static final int RANDOM_CASES = 20_000;
    private static final String CREDENTIAL = "AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request";
    private static final String SIG = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host;x-amz-date, Signature=" + SIG,
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=host;x-amz-date,Signature=" + SIG,
        "AWS4-HMAC-SHA256\tCredential=" + CREDENTIAL + ",\tSignedHeaders=host;x-amz-date\t,Signature=" + SIG,
        "AWS4-HMAC-SHA256    Credential=" + CREDENTIAL + " ,  , SignedHeaders=host   Signature=" + SIG + " ,,",
        "  AWS4-HMAC-SHA256 \r\n Credential=" + CREDENTIAL + "\u000B SignedHeaders=host\fSignature=" + SIG + "  ",
        "AWS4-HMAC-SHA256 Signature=" + SIG + " Credential=" + CREDENTIAL + " SignedHeaders=X-Amz-Date;HOST",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=x, Signature=y",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Other=1, Other=2",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, =x, Signature=" + SIG,
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=",
        "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature==a=b",
        "AWS4-HMAC-SHA256 SignedHeaders=host",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 ",
        "AWS4-HMAC-SHA256,Credential=" + CREDENTIAL,
        "aws4-hmac-sha256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG,
        "AWS4-HMAC-SHA256\u2003Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG,
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",\u00A0SignedHeaders=host, Signature=" + SIG,
        "AWS4-HMAC-SHA256\u001CCredential=" + CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG,
        "AWS4-HMAC-SHA2567 Credential=" + CREDENTIAL,
        "",
        "   ",
    })
    void authorizationHeadersAsTheRegexParsedThem(String header) {
        assertThat(outcome(() -> AuthorizationHeader.parse(header)))
                .isEqualTo(outcome(() -> Legacy.parseAuthorization(header)));
    }

    @Test
    void refusalsKeepTheirWords() {
        assertThatThrownBy(() -> AuthorizationHeader.parse("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                + ",\t\tSignedHeaders=host"))
                .hasMessage("Authorization header requires 'Signature' parameter.");
        assertThatThrownBy(() -> AuthorizationHeader.parse("AWS4-HMAC-SHA256  , "))
                .hasMessage("Authorization header requires 'Credential' parameter. Authorization header requires "
                        + "'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.");
        assertThatThrownBy(() -> AuthorizationHeader.parse("AWS4-HMAC-SHA256 Signature=a , Signature=b"))
                .hasMessage("Authorization header has a repeated 'Signature' parameter");
        assertThatThrownBy(() -> AuthorizationHeader.parse("AWS4-HMAC-SHA256 wJalrXUtnFEMI=a wJalrXUtnFEMI=b"))
                .hasMessage("Authorization header has a repeated 'unknown' parameter");
        assertThatThrownBy(() -> AuthorizationHeader.parse("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + " Signed"))
                .hasMessage("Authorization header parameters must be key=value pairs");
        assertThatThrownBy(() -> CredentialScope.parse("a/b/c"))
                .hasMessage("Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got 3");
    }

    @Test
    void randomAuthorizationHeaders() {
        String[] fragments = {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", " ", "  ", "\t", ",", ", ", " ,", "\r\n",
            "\u000B", "\u2003", "\u00A0", "Credential=", "SignedHeaders=", "Signature=", "Other=", "=", CREDENTIAL,
            "AKID/20261123/us-east-1/iam/aws4_request/x", "host", ";", "x-amz-date", "HOST", SIG, "a", ""};
        String[] separators = {" ", ",", ", ", " , ", "\t", ",\t", "  ,,  ", "\r\n ", "\u000B", "\f", "\u2003",
            ""};
        String[] parameters = {"Credential=" + CREDENTIAL, "SignedHeaders=host;x-amz-date",
            "SignedHeaders=X-Amz-Date;Host", "SignedHeaders=content-type", "Signature=" + SIG, "Other=x", "Signature",
            "=x", "Credential=a/b", "Signature="};
        Random random = new Random(20261123);
        int wellFormed = 0;
        for (int i = 0; i < RANDOM_CASES; i++) {
            StringBuilder header = new StringBuilder(random.nextInt(8) > 0 ? "AWS4-HMAC-SHA256" : "");
            if (random.nextBoolean()) {
                header.append(' ').append(compose(random, fragments, 12));
            } else {
                // The three parameters in any order, now and then one more, missing or repeated, between
                // any separators.
                List<String> params = new ArrayList<>(List.of(parameters[0], parameters[1 + random.nextInt(2)],
                        parameters[4]));
                Collections.shuffle(params, random);
                if (random.nextInt(3) == 0) {
                    params.add(random.nextInt(params.size() + 1), parameters[random.nextInt(parameters.length)]);
                }
                if (random.nextInt(4) == 0) {
                    params.remove(random.nextInt(params.size()));
                }
                for (String param : params) {
                    header.append(separators[random.nextInt(separators.length)]).append(param);
                }
                header.append(compose(random, separators, 2));
            }
            String text = header.toString();
            String outcome = outcome(() -> AuthorizationHeader.parse(text));
            assertThat(outcome).as(text).isEqualTo(outcome(() -> Legacy.parseAuthorization(text)));
            wellFormed += outcome.startsWith("ok ") ? 1 : 0;
        }
        assertThat(wellFormed).as("well-formed headers among the random ones").isGreaterThan(RANDOM_CASES / 20);
    }

    @Test
    void randomCredentials() {
        String[] fragments = {"AKID", "/", "//", "20261123", "2026112", "202611234", "2026112a", "\u0661\u0662\u0663"
                + "\u0664\u0665\u0666\u0667\u0668", "us-east-1", "iam", "aws4_request", "aws4_requesT", " ", ""};
        Random random = new Random(5);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String credential = compose(random, fragments, 10);
            assertThat(outcome(() -> CredentialScope.parse(credential))).as(credential)
                    .isEqualTo(outcome(() -> Legacy.parseCredential(credential)));
        }
    }

    @Test
    void randomSignedHeaderLists() {
        String[] fragments = {"host", "Host", " host ", ";", ";;", "x-amz-date", "content-type", "a", "HOST", "\t",
            " ", ""};
        Random random = new Random(7);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String list = compose(random, fragments, 8);
            assertThat(outcome(() -> SignedHeaders.parse(list))).as(list)
                    .isEqualTo(outcome(() -> Legacy.parseSignedHeaders(list)));
        }
    }

    @Test
    void randomHeaderValues() {
        String[] fragments = {" ", "  ", "\t", "\n", "\u000B", "\f", "\r", "a", "bc", "\u0001", "\u00A0", "\u2003",
            "\u001C", ""};
        Random random = new Random(11);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String value = compose(random, fragments, 10);
            assertThat(RequestHeaders.collapse(value)).as(value)
                    .isEqualTo(String.join(" ", value.trim().split("\\s+")));
        }
        RequestHeaders headers = RequestHeaders.of(Map.of("X-Two", List.of(" a \t b ", "c\r\n d"),
                "x-one", List.of("  e  ")));
        assertThat(headers.canonicalValue("x-two")).isEqualTo("a b,c d");
        assertThat(headers.canonicalValue("x-one")).isEqualTo("e");
        assertThat(headers.canonicalValue("absent")).isEmpty();
    }

    @Test
    void randomPaths() {
        String[] fragments = {"/", "//", "a", "b", ".", "..", "...", "%41", "~", "-", "_", "\u00E9", " ", "+", ""};
        Random random = new Random(13);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String path = compose(random, fragments, 8);
            assertThat(CanonicalRequest.canonicalUri(path)).as(path).isEqualTo(Legacy.canonicalUri(path));
        }
        assertThat(CanonicalRequest.canonicalUri(null)).isEqualTo(Legacy.canonicalUri(null));
    }

    @Test
    void randomQueries() {
        String[] fragments = {"a", "=", "&", "&&", "b", "%2F", "%2f", "%", "+", "X-Amz-Date", "~", "\u00E9", " ", ""};
        Random random = new Random(17);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String query = compose(random, fragments, 8);
            List<QueryParameter> parsed = QueryParameter.parseAll(query);
            assertThat(parsed).as(query).isEqualTo(Legacy.parseQuery(query));
            for (QueryParameter p : parsed) {
                assertThat(p.name()).isEqualTo(Legacy.decode(p.rawName()));
                assertThat(p.value()).isEqualTo(Legacy.decode(p.rawValue()));
                assertThat(p.canonicalName()).isEqualTo(Legacy.reencode(p.rawName()));
                assertThat(p.canonicalValue()).isEqualTo(Legacy.reencode(p.rawValue()));
            }
        }
    }

    @Test
    void hexAndDigitClassesAsTheirPatterns() {
        Pattern hex64 = Pattern.compile("[0-9a-fA-F]{64}");
        Pattern seconds = Pattern.compile("[0-9]{1,7}");
        String[] fragments = {"0", "9", "a", "F", "g", "G", "-", "+", " ", "\u0661", "0123456789abcdef"};
        Random random = new Random(19);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String text = compose(random, fragments, random.nextBoolean() ? 8 : 70);
            assertThat(Ascii.isHex64(text)).as(text).isEqualTo(hex64.matcher(text).matches());
            boolean digits = !text.isEmpty() && text.length() <= 7 && Ascii.isDigits(text, 0, text.length());
            assertThat(digits).as(text).isEqualTo(seconds.matcher(text).matches());
        }
        assertThat(Ascii.isHex64(SIG)).isTrue();
        assertThat(Ascii.isHex64(SIG.toUpperCase(Locale.ROOT))).isTrue();
    }

    private static String compose(Random random, String[] fragments, int maxParts) {
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(maxParts + 1);
        for (int i = 0; i < parts; i++) {
            out.append(fragments[random.nextInt(fragments.length)]);
        }
        return out.toString();
    }

    /** What a parse gave: its value, or the refusal's code and message. */
    private static String outcome(Supplier<?> parse) {
        try {
            return "ok " + parse.get();
        } catch (AwsException e) {
            return "refused " + e.code() + " " + e.getMessage();
        }
    }

    /** The code the scanners replaced, verbatim but for names. */
    private static final class Legacy {
        private static final Pattern DATE = Pattern.compile("[0-9]{8}");

        static AuthorizationHeader parseAuthorization(String header) {
            String trimmed = header.trim();
            int space = -1;
            for (int i = 0; i < trimmed.length() && space < 0; i++) {
                if (Character.isWhitespace(trimmed.charAt(i))) {
                    space = i;
                }
            }
            String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
            if (!AuthorizationHeader.ALGORITHM.equals(algorithm)) {
                throw AwsException.incompleteSignature("Unsupported authorization algorithm; only "
                        + AuthorizationHeader.ALGORITHM + " is accepted");
            }
            Map<String, String> params = new HashMap<>();
            for (String token : (space < 0 ? "" : trimmed.substring(space)).split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                if (eq <= 0) {
                    throw AwsException.incompleteSignature("Authorization header parameters must be key=value pairs");
                }
                String name = token.substring(0, eq);
                if (params.put(name, token.substring(eq + 1)) != null) {
                    String safe = List.of("Credential", "SignedHeaders", "Signature").contains(name) ? name
                            : "unknown";
                    throw AwsException.incompleteSignature("Authorization header has a repeated '" + safe
                            + "' parameter");
                }
            }
            StringBuilder missing = new StringBuilder();
            for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
                String value = params.get(name);
                if (value == null || value.isEmpty()) {
                    missing.append(" Authorization header requires '").append(name).append("' parameter.");
                }
            }
            if (missing.length() > 0) {
                throw AwsException.incompleteSignature(missing.toString().trim());
            }
            return new AuthorizationHeader(parseCredential(params.get("Credential")),
                    parseSignedHeaders(params.get("SignedHeaders")), params.get("Signature"));
        }

        static CredentialScope parseCredential(String credential) {
            String[] parts = credential.split("/", -1);
            if (parts.length != 5) {
                throw AwsException.incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got " + parts.length);
            }
            for (String part : parts) {
                if (part.isEmpty()) {
                    throw AwsException.incompleteSignature("Credential has an empty element; expected "
                            + "keyid/date/region/service/aws4_request");
                }
            }
            if (!DATE.matcher(parts[1]).matches()) {
                throw AwsException.incompleteSignature("Credential scope date must be in yyyyMMdd format");
            }
            if (!CredentialScope.TERMINATOR.equals(parts[4])) {
                throw AwsException.incompleteSignature("Credential should be scoped with a valid terminator: "
                        + "'aws4_request'");
            }
            return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
        }

        static List<String> parseSignedHeaders(String list) {
            TreeSet<String> names = new TreeSet<>();
            for (String name : list.split(";", -1)) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    throw AwsException.incompleteSignature("SignedHeaders contains an empty header name");
                }
                names.add(n);
            }
            if (!names.contains("host")) {
                throw AwsException.incompleteSignature("Signature must include the 'host' header in SignedHeaders");
            }
            return List.copyOf(names);
        }

        static String canonicalUri(String rawPath) {
            String normalized = CanonicalRequest.removeDotSegments(rawPath == null ? "" : rawPath);
            return normalized.isEmpty() ? "/"
                    : UriEncoding.encode(normalized.getBytes(StandardCharsets.UTF_8), true);
        }

        static List<QueryParameter> parseQuery(String rawQuery) {
            List<QueryParameter> params = new ArrayList<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return params;
            }
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.add(eq < 0 ? new QueryParameter(pair, "")
                        : new QueryParameter(pair.substring(0, eq), pair.substring(eq + 1)));
            }
            return List.copyOf(params);
        }

        static String decode(String text) {
            return new String(UriEncoding.decodeToBytes(text), StandardCharsets.UTF_8);
        }

        static String reencode(String raw) {
            return UriEncoding.encode(UriEncoding.decodeToBytes(raw), false);
        }
    }
}
