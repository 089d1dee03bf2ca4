package io.gatehouse.server.authorize;

import io.gatehouse.client.AuthorizationRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests that a client sends a resource server, signed by the AWS SDK's own SigV4 signer, and the
 * question the resource server forwards about them.
 */
final class ClientRequests {
    static final URI SERVICE = URI.create("https://orders.example.com");

    private ClientRequests() {}

    /** A GET of {@code path} signed for the service {@code example} at {@code at}. */
    static SdkHttpRequest signedGet(String path, AwsCredentialsIdentity credentials, Instant at) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(SERVICE.resolve(path)).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromUtf8String(""))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "example")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    static SdkHttpRequest signedGet(String path, AwsCredentialsIdentity credentials) {
        return signedGet(path, credentials, Instant.now());
    }

    /** The question about a signed request, its headers as received. */
    static AuthorizationRequest.Builder question(SdkHttpRequest signed, String action, String resource) {
        AuthorizationRequest.Builder b = AuthorizationRequest.builder().method(signed.method().name())
                .path(signed.encodedPath()).query(signed.getUri().getRawQuery()).body("")
                .action(action).resource(resource).sourceIp("203.0.113.7").secureTransport(true);
        signed.forEachHeader(b::header);
        return b;
    }
}
