package io.gatehouse.benchmarks.load;

import io.gatehouse.client.AuthorizationRequest;
import io.gatehouse.client.Decision;
import io.gatehouse.client.GatehouseAuthorizer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Load harness for the authorization API (docs/benchmarks.md, "Authorization API"): N resource
 * servers' threads each ask {@code POST /v1/authorize} about a client's SigV4-signed
 * {@code GET /orders/42}; every answer must be ALLOW. By default the questions are sent lean
 * ({@link NioDriver}, {@link LeanSigner}); with {@code AUTHORIZE_CLIENT=published}, through the
 * published {@link GatehouseAuthorizer}, one thread per resource server. The set-up (with the given administrator key, through the IAM Query API) creates a
 * resource-server user allowed {@code gatehouse:Authorize} and a client user allowed
 * {@code orders:GetOrder}, each with an access key. The client's request is signed once per thread
 * (a replayed signature is valid for its five minutes, as for any SigV4 service).
 *
 * <p>Arguments: {@code endpoint accessKeyId secretAccessKey clients seconds}; prints
 * decisions/s and latency percentiles after a 15 s warm-up.
 */
public final class AuthorizeLoad {

    private static volatile String account; // the users' account: the order belongs to it

    private AuthorizeLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        AwsCredentialsIdentity admin = AwsCredentialsIdentity.create(args[1], args[2]);
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String suffix = String.valueOf(System.currentTimeMillis());
        AwsCredentialsIdentity resourceServer = user(endpoint, admin, "rs-" + suffix,
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"gatehouse:Authorize\","
                        + "\"Resource\":\"*\"}}");
        AwsCredentialsIdentity client = user(endpoint, admin, "client-" + suffix,
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\","
                        + "\"Resource\":\"arn:aws:orders:us-east-1:*:order/*\"}}");
        Thread.sleep(1_000); // new keys: let every cache see them
        if (!"published".equals(System.getenv("AUTHORIZE_CLIENT"))) {
            lean(endpoint, resourceServer, client, clients, seconds);
            return;
        }
        GatehouseAuthorizer gatehouse = GatehouseAuthorizer.builder().endpoint(endpoint)
                .credentials(() -> resourceServer).build();
        run(gatehouse, client, clients, Duration.ofSeconds(15));
        ProcessCpu cpu = ProcessCpu.start();
        long[] result = run(gatehouse, client, clients, Duration.ofSeconds(seconds));
        long errors = result[result.length - 1];
        long[] micros = Arrays.copyOf(result, result.length - 1);
        Arrays.sort(micros);
        System.out.printf("authorize clients=%d decisions=%d errors=%d seconds=%d rate=%.0f/s p50=%.2fms p90=%.2fms"
                + " p99=%.2fms max=%.2fms%s%n", clients, micros.length, errors, seconds, micros.length / (double) seconds,
                pct(micros, 0.50), pct(micros, 0.90), pct(micros, 0.99), pct(micros, 1.0),
                cpu.perOperation(micros.length));
    }

    /**
     * The default: each resource server's question sent by {@link NioDriver} and signed by
     * {@link LeanSigner}, so that the load generator measures Gatehouse, not the JDK's HTTP client
     * (with the published client, the generator spent about as much CPU per decision as the server).
     * {@code AUTHORIZE_CLIENT=published} drives the published {@link GatehouseAuthorizer} instead.
     */
    private static void lean(URI endpoint, AwsCredentialsIdentity resourceServer, AwsCredentialsIdentity client,
            int clients, int seconds) throws InterruptedException {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        byte[] allow = "\"ALLOW\"".getBytes(StandardCharsets.US_ASCII);
        NioDriver.Scripts scripts = c -> {
            LeanSigner signer = new LeanSigner(resourceServer.accessKeyId(), resourceServer.secretAccessKey(), null,
                    host, "gatehouse");
            String body = new String(question(client).toJson(), StandardCharsets.UTF_8);
            return new NioDriver.Script() {
                @Override
                public List<byte[]> operation(int n) {
                    return List.of((signer.headJsonAt("/v1/authorize", body, Instant.now()) + body)
                            .getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public boolean accepts(int status, byte[] answer, int from, int to) {
                    boolean allowed = status == 200 && contains(answer, from, to, allow);
                    if (!allowed) {
                        noteError(status + " " + new String(answer, from, to - from, StandardCharsets.UTF_8));
                    }
                    return allowed;
                }
            };
        };
        NioDriver.run("authorize", endpoint.getHost(), endpoint.getPort(), clients, QueryLoad.THREADS,
                Duration.ofSeconds(15), scripts);
        ProcessCpu cpu = ProcessCpu.start();
        QueryLoad.Result result = NioDriver.run("authorize", endpoint.getHost(), endpoint.getPort(), clients,
                QueryLoad.THREADS, Duration.ofSeconds(seconds), scripts);
        System.out.println(result + cpu.perOperation(result.operations()));
    }

    private static boolean contains(byte[] bytes, int from, int to, byte[] part) {
        outer:
        for (int i = from; i + part.length <= to; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // Latencies in microseconds, then the error count as the last element.
    private static long[] run(GatehouseAuthorizer gatehouse, AwsCredentialsIdentity client, int clients,
            Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[500_000];
            all.add(mine);
            Thread thread = new Thread(() -> {
                AuthorizationRequest question = question(client);
                int n = 0;
                while (System.nanoTime() < end && n < mine.length - 1) {
                    long t0 = System.nanoTime();
                    try {
                        Decision decision = gatehouse.authorize(question);
                        if (!decision.allowed()) {
                            noteError("DENY " + decision.reason() + ": " + decision.message());
                            errors.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        noteError(e.toString());
                        errors.incrementAndGet();
                    }
                    mine[n++] = (System.nanoTime() - t0) / 1_000;
                }
                mine[mine.length - 1] = n;
            }, "authorize-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = all.stream().mapToInt(m -> (int) m[m.length - 1]).sum();
        long[] out = new long[total + 1];
        int k = 0;
        for (long[] mine : all) {
            int n = (int) mine[mine.length - 1];
            System.arraycopy(mine, 0, out, k, n);
            k += n;
        }
        out[total] = errors.get();
        return out;
    }

    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_ERROR =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static void noteError(String error) {
        if (FIRST_ERROR.compareAndSet(null, error)) {
            System.err.println("first error: " + error);
        }
    }

    private static AuthorizationRequest question(AwsCredentialsIdentity client) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://orders.example.com/orders/42")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(client).request(request)
                .payload(ContentStreamProvider.fromUtf8String(""))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "orders")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        AuthorizationRequest.Builder b = AuthorizationRequest.builder().method("GET").path(signed.encodedPath())
                .body("").action("orders:GetOrder").resource("arn:aws:orders:us-east-1:" + account + ":order/42")
                .sourceIp("203.0.113.7").secureTransport(true).signingName("orders");
        signed.forEachHeader(b::header);
        return b.build();
    }

    // Creates a user with an inline policy and an access key; returns the key.
    private static AwsCredentialsIdentity user(URI endpoint, AwsCredentialsIdentity admin, String name, String policy)
            throws IOException {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        LeanSigner iam = new LeanSigner(admin.accessKeyId(), admin.secretAccessKey(), null, host, "iam");
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint.getHost(), endpoint.getPort())) {
            String arn = element(call(connection, iam, "Action=CreateUser&Version=2010-05-08&UserName=" + name), "Arn");
            account = arn.split(":")[4];
            call(connection, iam, "Action=PutUserPolicy&Version=2010-05-08&UserName=" + name + "&PolicyName=load"
                    + "&PolicyDocument=" + URLEncoder.encode(policy, StandardCharsets.UTF_8));
            String xml = call(connection, iam, "Action=CreateAccessKey&Version=2010-05-08&UserName=" + name);
            return AwsCredentialsIdentity.create(element(xml, "AccessKeyId"), element(xml, "SecretAccessKey"));
        }
    }

    private static String call(KeepAliveConnection connection, LeanSigner signer, String body) throws IOException {
        int status = connection.exchange(signer.head(body, Instant.now()), body);
        if (status != 200) {
            throw new IllegalStateException("set-up call refused (" + status + "): " + connection.lastBody());
        }
        return connection.lastBody();
    }

    private static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("no <" + name + "> in " + xml);
        }
        return xml.substring(start + name.length() + 2, end);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
