package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * botocore (the AWS CLI's and boto3's signer) is the second judge. Runs
 * {@code src/test/resources/sigv4/botocore_sign.py} with the system python3; botocore must be
 * installed (Debian: {@code apt-get install python3-botocore}, which {@code .ci/run} does). A
 * missing botocore fails the test rather than skipping it: a silent skip would hide a broken client.
 */
class BotocoreCompatibilityTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TIMESTAMP = "20261123T120000Z";
    static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FixedSecrets secrets = new FixedSecrets(Map.of(KEY, SECRET));

    @Test
    void formPostListUsers() throws Exception {
        SignedRequest r = botocore(spec("POST", "https://iam.amazonaws.com/")
                .put("headers", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
                .put("body", "Action=ListUsers&Version=2010-05-08"));
        assertThat(new SigV4Verifier().verify(r, secrets, AT.plusSeconds(10)))
                .isEqualTo(new SignatureCheck(KEY, null, "us-east-1", "iam", AT, false));
    }

    @Test
    void getWithEncodedQueryAndPath() throws Exception {
        SignedRequest r = botocore(spec("GET", "https://iam.amazonaws.com/users/John%20Doe/caf%C3%A9")
                .put("params", Map.of("Action", "ListUsers", "PathPrefix", "/a b/c=d~e/", "Marker", "héllo ሴ +*")));
        // botocore writes spaces as '+' on the wire (and signs them as %20).
        assertThat(r.rawQuery()).contains("a+b").contains("%E1%88%B4");
        assertThat(new SigV4Verifier().verify(r, secrets, AT).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void sessionTokenHeader() throws Exception {
        SignedRequest r = botocore(spec("POST", "https://sts.amazonaws.com/")
                .put("service", "sts").put("token", "IQoJb3JpZ2luX2VjEXAMPLE/+=")
                .put("headers", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
                .put("body", "Action=GetCallerIdentity&Version=2011-06-15"));
        SignatureCheck check = new SigV4Verifier().verify(r, secrets, AT);
        assertThat(check.sessionToken()).isEqualTo("IQoJb3JpZ2luX2VjEXAMPLE/+=");
        assertThat(check.service()).isEqualTo("sts");
    }

    @Test
    void presignedGetWithSessionToken() throws Exception {
        SignedRequest r = botocore(spec("GET", "https://sts.amazonaws.com/").put("service", "sts")
                .put("token", "tok/en+=").put("presign_expires", 900)
                .put("params", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15")));
        SignatureCheck check = new SigV4Verifier().verify(r, secrets, AT.plus(Duration.ofMinutes(10)));
        assertThat(check).isEqualTo(new SignatureCheck(KEY, "tok/en+=", "us-east-1", "sts", AT, true));
        assertThatThrownBy(() -> new SigV4Verifier().verify(r, secrets, AT.plusSeconds(901)))
                .hasFieldOrPropertyWithValue("code", "RequestExpired");
    }

    @Test
    void alteredBodyIsRefused() throws Exception {
        SignedRequest r = botocore(spec("POST", "https://iam.amazonaws.com/")
                .put("headers", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
                .put("body", "Action=ListUsers&Version=2010-05-08"));
        SignedRequest altered = new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                "Action=ListUsers&Version=2010-05-08&MaxItems=1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new SigV4Verifier().verify(altered, secrets, AT))
                .hasFieldOrPropertyWithValue("code", "SignatureDoesNotMatch");
    }

    private static Spec spec(String method, String url) {
        return new Spec().put("method", method).put("url", url).put("access_key", KEY).put("secret_key", SECRET)
                .put("service", "iam").put("region", "us-east-1");
    }

    /** A JSON object under construction (a map, so Jackson writes it as the script expects). */
    static final class Spec {
        final Map<String, Object> fields = new LinkedHashMap<>();

        Spec put(String name, Object value) {
            fields.put(name, value);
            return this;
        }
    }

    private static SignedRequest botocore(Spec spec) throws Exception {
        Path script = Path.of(BotocoreCompatibilityTest.class.getResource("/sigv4/botocore_sign.py").toURI());
        Process process;
        try {
            process = new ProcessBuilder("python3", script.toString(), TIMESTAMP,
                    JSON.writeValueAsString(spec.fields)).start();
        } catch (IOException e) {
            return fail("python3 is needed to run botocore (apt-get install python3 python3-botocore): " + e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return fail("botocore_sign.py failed; is python3-botocore installed (apt-get install python3-botocore)? "
                    + err);
        }
        return toSignedRequest(JSON.readTree(out));
    }

    /** The request as a server would receive it: raw path and query from the URL, Host from the client. */
    private static SignedRequest toSignedRequest(JsonNode json) {
        URI url = URI.create(json.get("url").asText());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(url.getRawAuthority()));
        for (JsonNode header : json.get("headers")) {
            headers.computeIfAbsent(header.get(0).asText(), k -> new ArrayList<>()).add(header.get(1).asText());
        }
        return new SignedRequest(json.get("method").asText(), url.getRawPath(),
                url.getRawQuery() == null ? "" : url.getRawQuery(), headers,
                json.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }
}
