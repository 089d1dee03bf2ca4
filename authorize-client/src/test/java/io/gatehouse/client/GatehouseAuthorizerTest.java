package io.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The client against a local HTTP server standing in for Gatehouse: what it sends, what it reads. */
class GatehouseAuthorizerTest {
    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> sentBody = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/authorize", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            sentBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GatehouseAuthorizer client() {
        return GatehouseAuthorizer.builder()
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentials(AwsCredentialsIdentity.create("AKIAEXAMPLERESOURCE1", "secret/secret/secret"))
                .build();
    }

    private static AuthorizationRequest question() {
        return AuthorizationRequest.builder().method("get").path("/orders/42").query("view=full")
                .header("Host", "orders.example.com").header("X-Amz-Date", "20261123T110000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/...").body("")
                .action("orders:GetOrder").resource("arn:aws:orders:us-east-1:111122223333:order/42")
                .context("orders:Channel", "web").signingName("orders").build();
    }

    @Test
    void signsWithItsOwnCredentialsAndSendsTheQuestion() throws Exception {
        answer = "{\"decision\":\"ALLOW\",\"requestId\":\"r-1\",\"principal\":{\"arn\":\"arn:aws:iam::111122223333:"
                + "user/alice\",\"accountId\":\"111122223333\",\"userId\":\"AIDAEXAMPLE\",\"type\":\"IAMUser\","
                + "\"tags\":{\"team\":\"blue\"}}}";
        Decision decision = client().authorize(question());

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.principal().arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(decision.principal().tags()).containsEntry("team", "blue");
        assertThat(authorization.get()).startsWith("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLERESOURCE1/")
                .contains("/us-east-1/gatehouse/aws4_request");
        JsonNode sent = new ObjectMapper().readTree(sentBody.get());
        assertThat(sent.get("method").asText()).isEqualTo("GET");
        assertThat(sent.get("payloadHash").asText()).isEqualTo(AuthorizationRequest.EMPTY_PAYLOAD_HASH)
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(sent.get("headers").get("x-amz-date").get(0).asText()).isEqualTo("20261123T110000Z");
        assertThat(sent.get("context").get("orders:Channel")).hasSize(1);
        assertThat(sent.get("signingName").asText()).isEqualTo("orders");
    }

    @Test
    void aDenialCarriesItsReasonAndEncodedMessage() {
        answer = "{\"decision\":\"DENY\",\"requestId\":\"r-2\",\"reason\":\"explicitDeny\",\"message\":\"no\","
                + "\"encodedMessage\":\"abc\"}";
        Decision decision = client().authorize(question());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("explicitDeny");
        assertThat(decision.encodedMessage()).isEqualTo("abc");
        assertThat(decision.principal()).isNull();
    }

    @Test
    void aRefusedCallIsAnExceptionNotADecision() {
        status = 403;
        answer = "{\"__type\":\"AccessDenied\",\"message\":\"not authorized to perform: gatehouse:Authorize\"}";
        AuthorizationException e = catchThrowableOfType(AuthorizationException.class,
                () -> client().authorize(question()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.type()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("gatehouse:Authorize");
    }

    @Test
    void anUnreachableGatehouseIsAnException() {
        GatehouseAuthorizer client = GatehouseAuthorizer.builder().endpoint(URI.create("http://127.0.0.1:1"))
                .credentials(AwsCredentialsIdentity.create("AKIAEXAMPLERESOURCE1", "secret")).build();
        AuthorizationException e = catchThrowableOfType(AuthorizationException.class,
                () -> client.authorize(question()));
        assertThat(e.status()).isZero();
    }

    @Test
    void headerNamesAreLowerCasedAndValuesKept() {
        AuthorizationRequest r = AuthorizationRequest.builder().method("post").path("/").headers(
                java.util.Map.of("X-Custom", List.of("a", "b"))).action("x:Y").resource("*").build();
        assertThat(r.headers()).containsEntry("x-custom", List.of("a", "b"));
        assertThat(r.method()).isEqualTo("POST");
    }
}
