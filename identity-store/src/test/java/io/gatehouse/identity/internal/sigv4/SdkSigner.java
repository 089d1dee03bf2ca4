package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer and hands them over as they would
 * arrive. Public for the tests of the verifier's secret sources in other packages.
 */
public final class SdkSigner {
    private SdkSigner() {}

    public static SignedRequest sign(SdkHttpRequest request, String body, AwsCredentialsIdentity identity,
            Instant at) {
        return sign(request, body, identity, at, null);
    }

    /** Presigns when {@code expires} is given, else signs into the Authorization header. */
    static SignedRequest sign(SdkHttpRequest request, String body, AwsCredentialsIdentity identity, Instant at,
            Duration expires) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity)
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (expires != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
            }
        });
        SdkHttpRequest out = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>(out.headers());
        // The HTTP client, not the signer, writes Host when the signer did not put it in the map.
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            headers.put("Host", List.of(out.host()));
        }
        byte[] bytes = signed.payload().map(SdkSigner::read).orElse(new byte[0]);
        return new SignedRequest(out.method().name(), out.encodedPath().isEmpty() ? "/" : out.encodedPath(),
                out.encodedQueryParameters().orElse(""), headers, bytes);
    }

    public static SdkHttpRequest.Builder https(String host) {
        return SdkHttpRequest.builder().protocol("https").host(host);
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
