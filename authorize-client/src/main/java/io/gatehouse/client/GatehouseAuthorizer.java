package io.gatehouse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Asks Gatehouse's authorization API ({@code POST /v1/authorize}) about one client request,
 * signing the call with the resource server's own Gatehouse credentials (SigV4 by the AWS SDK's
 * {@link AwsV4HttpSigner}, signing name {@code gatehouse}). Thread-safe; build one per resource
 * server and share it.
 *
 * <pre>{@code
 * GatehouseAuthorizer gatehouse = GatehouseAuthorizer.builder()
 *         .endpoint(URI.create("https://gatehouse.example.com"))
 *         .credentials(() -> DefaultCredentialsProvider.create().resolveCredentials())
 *         .build();
 * Decision d = gatehouse.authorize(AuthorizationRequest.builder().method("GET").path("/orders/42")
 *         .headers(received).body(bytes).action("orders:GetOrder")
 *         .resource("arn:aws:orders:us-east-1:111122223333:order/42").build());
 * }</pre>
 */
public final class GatehouseAuthorizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI authorizeUri;
    private final Supplier<? extends AwsCredentialsIdentity> credentials;
    private final String region;
    private final String signingName;
    private final HttpClient http;
    private final Duration timeout;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private GatehouseAuthorizer(Builder b) {
        this.authorizeUri = Objects.requireNonNull(b.endpoint, "endpoint").resolve("/v1/authorize");
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.region = b.region;
        this.signingName = b.signingName;
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks about one request.
     *
     * @return the decision: allowed, or denied with the reason
     * @throws AuthorizationException when Gatehouse refused the call, failed, or was unreachable
     */
    public Decision authorize(AuthorizationRequest request) {
        byte[] body = request.toJson();
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(authorizeUri)
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.get()).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder builder = HttpRequest.newBuilder(authorizeUri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthorizationException(0, null, "Gatehouse could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationException(0, null, "interrupted while asking Gatehouse", e);
        }
        return decision(response);
    }

    static Decision decision(HttpResponse<String> response) {
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (response.statusCode() != 200 || root == null || !root.has("decision")) {
            String type = root == null ? null : text(root, "__type");
            String message = root == null ? null : text(root, "message");
            throw new AuthorizationException(response.statusCode(), type, "Gatehouse refused the authorize call ("
                    + response.statusCode() + (type == null ? "" : " " + type) + ")"
                    + (message == null ? "" : ": " + message), null);
        }
        Decision.Principal principal = null;
        JsonNode p = root.get("principal");
        if (p != null && p.isObject()) {
            Map<String, String> tags = new LinkedHashMap<>();
            p.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            principal = new Decision.Principal(text(p, "arn"), text(p, "accountId"), text(p, "userId"),
                    text(p, "type"), tags);
        }
        return new Decision("ALLOW".equals(text(root, "decision")), text(root, "requestId"), principal,
                text(root, "reason"), text(root, "message"), text(root, "encodedMessage"),
                text(root.path("error"), "code"));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Configures a {@link GatehouseAuthorizer}; endpoint and credentials are required. */
    public static final class Builder {
        private URI endpoint;
        private Supplier<? extends AwsCredentialsIdentity> credentials;
        private String region = "us-east-1";
        private String signingName = "gatehouse";
        private HttpClient http;
        private Duration timeout = Duration.ofSeconds(5);

        private Builder() {}

        /** Gatehouse's base URL, e.g. {@code https://gatehouse.example.com}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The resource server's own credentials, asked for on every call (so they may rotate). */
        public Builder credentials(Supplier<? extends AwsCredentialsIdentity> credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder credentials(AwsCredentialsIdentity fixed) {
            Objects.requireNonNull(fixed, "credentials");
            this.credentials = () -> fixed;
            return this;
        }

        /** The region to sign for; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The signing name; default {@code gatehouse}. */
        public Builder signingName(String signingName) {
            this.signingName = signingName;
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /** Timeout of each call; default 5 seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public GatehouseAuthorizer build() {
            return new GatehouseAuthorizer(this);
        }
    }
}
