package io.gatehouse.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A load harness for the AWS Query APIs: N concurrent clients, each sending signed form POSTs
 * back to back over a persistent connection ({@link NioDriver}; every request signed afresh, with a lean SigV4
 * signer so that the generator leaves the CPU to the server) for a fixed time,
 * then throughput and latency percentiles. Bounded in time and count; only for servers on this
 * machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.QueryLoad \
 *     ENDPOINT KEY_ID SECRET SCENARIO CLIENTS SECONDS</pre>
 *
 * Scenarios: {@code get-user} (GetUser of the caller), {@code create-delete-user} (CreateUser then
 * DeleteUser of a fresh name; one pair counts as one operation), {@code get-caller-identity} (STS,
 * long-term key), {@code get-caller-identity-session} (STS, signed with role-session credentials
 * from one AssumeRole at set-up), {@code assume-role} (STS AssumeRole of a role created at set-up,
 * 900-second sessions, a fresh session name per call).
 */
public final class QueryLoad {
    /** Selector threads of the load generator ({@link NioDriver}); LOAD_THREADS overrides. */
    static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("LOAD_THREADS", "2"));

    private QueryLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: QueryLoad ENDPOINT KEY_ID SECRET get-user|create-delete-user CLIENTS SECONDS");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        String scenario = args[3];
        Target target = Target.setUp(endpoint, AwsCredentialsIdentity.create(args[1], args[2]), scenario);
        int clients = Integer.parseInt(args[4]);
        int seconds = Math.min(Integer.parseInt(args[5]), 600);
        // Warm-up: the JIT compiles the request path; the figures are of the warmed-up server.
        run(endpoint, target, scenario, clients, Duration.ofSeconds(15), false);
        ProcessCpu cpu = ProcessCpu.start();
        Result result = run(endpoint, target, scenario, clients, Duration.ofSeconds(seconds), true);
        System.out.println(result + cpu.perOperation(result.operations()));
    }

    /**
     * A run's figures. {@code sortedRequestMicros}: each request's latency, when an operation is
     * several requests (CreateUser then DeleteUser), else null.
     */
    record Result(String scenario, int clients, long operations, long errors, double seconds, long[] sortedMicros,
            long[] sortedRequestMicros) {
        double perSecond() {
            return operations / seconds;
        }

        long percentile(double p) {
            return percentile(sortedMicros, p);
        }

        static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1,
                    Math.round(p * (sorted.length - 1)))];
        }

        @Override
        public String toString() {
            String perRequest = sortedRequestMicros == null ? "" : String.format(
                    " (per request: p50=%.2fms p90=%.2fms p99=%.2fms)", percentile(sortedRequestMicros, 0.50) / 1000.0,
                    percentile(sortedRequestMicros, 0.90) / 1000.0, percentile(sortedRequestMicros, 0.99) / 1000.0);
            return String.format("%s clients=%d ops=%d errors=%d seconds=%.1f ops/s=%.0f p50=%.2fms p90=%.2fms "
                    + "p99=%.2fms max=%.2fms", scenario, clients, operations, errors, seconds, perSecond(),
                    percentile(0.50) / 1000.0, percentile(0.90) / 1000.0, percentile(0.99) / 1000.0,
                    percentile(1.0) / 1000.0) + perRequest
                    + (NioDriver.RATE > 0 ? String.format(" offered=%.0f/s", NioDriver.RATE) : "");
        }
    }

    static Result run(URI endpoint, Target target, String scenario, int clients, Duration length,
            boolean measure) throws InterruptedException {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        return NioDriver.run(scenario, endpoint.getHost(), endpoint.getPort(), clients, THREADS, length, client -> {
            LeanSigner signer = target.signer(host);
            return n -> bodies(scenario, target, client, n).stream()
                    .map(body -> (signer.head(body, java.time.Instant.now()) + body).getBytes(StandardCharsets.UTF_8))
                    .toList();
        });
    }

    private static List<String> bodies(String scenario, Target target, int client, int n) {
        switch (scenario) {
            case "get-caller-identity", "get-caller-identity-session":
                return List.of("Action=GetCallerIdentity&Version=2011-06-15");
            case "assume-role":
                return List.of("Action=AssumeRole&Version=2011-06-15&DurationSeconds=900&RoleArn="
                        + java.net.URLEncoder.encode(target.roleArn(), java.nio.charset.StandardCharsets.UTF_8)
                        + "&RoleSessionName=load-" + client + "-" + n);
            case "get-user":
                return List.of("Action=GetUser&Version=2010-05-08");
            case "create-delete-user":
                String name = "load-" + client + "-" + n + "-" + System.nanoTime() % 100000;
                return List.of("Action=CreateUser&Version=2010-05-08&UserName=" + name,
                        "Action=DeleteUser&Version=2010-05-08&UserName=" + name);
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /**
     * What a scenario signs with: the given key for IAM or STS, or role-session credentials; and the
     * role that the STS scenarios assume, created (with a trust policy naming the caller's account)
     * before the run.
     */
    record Target(String service, String keyId, String secret, String sessionToken, String roleArn) {
        LeanSigner signer(String host) {
            return new LeanSigner(keyId, secret, sessionToken, host, service);
        }

        static Target setUp(URI endpoint, AwsCredentialsIdentity key, String scenario) throws java.io.IOException {
            if (scenario.equals("get-user") || scenario.equals("create-delete-user")) {
                return new Target("iam", key.accessKeyId(), key.secretAccessKey(), null, null);
            }
            String host = endpoint.getHost() + ":" + endpoint.getPort();
            try (KeepAliveConnection connection = new KeepAliveConnection(endpoint.getHost(), endpoint.getPort())) {
                LeanSigner sts = new LeanSigner(key.accessKeyId(), key.secretAccessKey(), null, host, "sts");
                String account = call(connection, sts, "Action=GetCallerIdentity&Version=2011-06-15", "Account");
                String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
                String name = "load-role-" + System.currentTimeMillis();
                LeanSigner iam = new LeanSigner(key.accessKeyId(), key.secretAccessKey(), null, host, "iam");
                String roleArn = call(connection, iam, "Action=CreateRole&Version=2010-05-08&RoleName=" + name
                        + "&AssumeRolePolicyDocument=" + encode(trust), "Arn");
                if (!scenario.equals("get-caller-identity-session")) {
                    return new Target("sts", key.accessKeyId(), key.secretAccessKey(), null, roleArn);
                }
                String body = "Action=AssumeRole&Version=2011-06-15&DurationSeconds=3600&RoleSessionName=load&RoleArn="
                        + encode(roleArn);
                call(connection, sts, body, "AccessKeyId");
                String xml = connection.lastBody();
                return new Target("sts", element(xml, "AccessKeyId"), element(xml, "SecretAccessKey"),
                        element(xml, "SessionToken"), roleArn);
            }
        }

        private static String call(KeepAliveConnection connection, LeanSigner signer, String body, String element)
                throws java.io.IOException {
            int status = connection.exchange(signer.head(body, java.time.Instant.now()), body);
            if (status != 200) {
                throw new IllegalStateException("set-up call refused (" + status + "): " + connection.lastBody());
            }
            return element(connection.lastBody(), element);
        }

        private static String element(String xml, String name) {
            int start = xml.indexOf("<" + name + ">");
            int end = xml.indexOf("</" + name + ">", start);
            if (start < 0 || end < 0) {
                throw new IllegalStateException("no <" + name + "> in " + xml);
            }
            return xml.substring(start + name.length() + 2, end);
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
