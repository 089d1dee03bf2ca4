package io.gatehouse.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workforce directory load benchmark (issue 6): a directory of USERS people and GROUPS groups
 * loaded through SCIM as an identity provider provisions it (POST each user; POST each group, then
 * PATCH its members in, as Entra ID does), then {@code filter=userName eq "..."} lookups of random
 * users at that size. Each user is in three groups. Prints the load time and rates, and the lookup
 * latency percentiles. Only for a server on this machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.ScimLoad \
 *     ENDPOINT KEY_ID SECRET USERS GROUPS CLIENTS LOOKUP_SECONDS [LOOKUP_CLIENTS...]</pre>
 *
 * The lookups run once for each LOOKUP_CLIENTS count given (default 1 and 4): latency at a given
 * concurrency, since on two cores a deep queue measures the queue, not the lookup.
 *
 * The bearer token is created at set-up with {@code GatehouseAdmin.CreateScimAccessToken}, signed
 * with the given (management account) key.
 */
public final class ScimLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"AccessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final int GROUPS_PER_USER = 3;

    private ScimLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: ScimLoad ENDPOINT KEY_ID SECRET USERS GROUPS CLIENTS LOOKUP_SECONDS [LOOKUP_CLIENTS...]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        int users = Integer.parseInt(args[3]);
        int groups = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        int lookupSeconds = Math.min(Integer.parseInt(args[6]), 600);
        String token = createToken(endpoint, args[1], args[2]);
        Scim scim = new Scim(endpoint, token);

        String[] userIds = new String[users];
        long started = System.nanoTime();
        Phase userPhase = Phase.run(endpoint, "create users", users, clients, (connection, i) -> {
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName(i)
                    + "\",\"externalId\":\"00u" + i + "\",\"name\":{\"givenName\":\"Given" + i
                    + "\",\"familyName\":\"Family" + i + "\"},\"displayName\":\"Given" + i + " Family" + i
                    + "\",\"emails\":[{\"value\":\"" + userName(i) + "\",\"type\":\"work\",\"primary\":true}],"
                    + "\"active\":true}";
            int status = scim.send(connection, "POST", "/scim/v2/Users", body);
            if (status == 201) {
                userIds[i] = id(connection.lastBody());
            }
            return status == 201;
        });
        System.out.println(userPhase);
        int membersPerGroup = Math.max(1, (int) ((long) users * GROUPS_PER_USER / Math.max(groups, 1)));
        Phase groupPhase = Phase.run(endpoint, "create groups and add members (" + membersPerGroup + " each)", groups, clients,
                (connection, g) -> {
                    int status = scim.send(connection, "POST", "/scim/v2/Groups",
                            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"group-" + g
                                    + "\",\"externalId\":\"00g" + g + "\"}");
                    if (status != 201) {
                        return false;
                    }
                    String groupId = id(connection.lastBody());
                    StringBuilder members = new StringBuilder();
                    for (int m = 0; m < membersPerGroup; m++) {
                        String member = userIds[(int) (((long) g * membersPerGroup + m) % users)];
                        if (member != null) {
                            members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(member)
                                    .append("\"}");
                        }
                    }
                    String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                            + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + members + "]}]}";
                    int patched = scim.send(connection, "PATCH", "/scim/v2/Groups/" + groupId, patch);
                    return patched == 200 || patched == 204;
                });
        System.out.println(groupPhase);
        System.out.printf("directory loaded: %d users, %d groups, %d memberships in %.1f s%n", users, groups,
                (long) groups * membersPerGroup, (System.nanoTime() - started) / 1e9);

        // Warm-up, then the measured lookups.
        Phase.timed(endpoint, "warm-up lookups", clients, 10, connection -> lookup(scim, connection, users));
        int[] lookupClients = args.length > 7
                ? Arrays.stream(args, 7, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 4};
        for (int n : lookupClients) {
            System.out.println(Phase.timed(endpoint, "filter userName eq, " + n + " clients", n, lookupSeconds,
                    connection -> lookup(scim, connection, users)));
        }
    }

    private static boolean lookup(Scim scim, KeepAliveConnection connection, int users) throws IOException {
        int i = ThreadLocalRandom.current().nextInt(users);
        String filter = URLEncoder.encode("userName eq \"" + userName(i) + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        int status = scim.send(connection, "GET", "/scim/v2/Users?filter=" + filter, null);
        return status == 200 && connection.lastBody().contains("\"totalResults\":1");
    }

    private static String userName(int i) {
        return "user" + i + "@example.com";
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    private static String createToken(URI endpoint, String keyId, String secret) throws IOException {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        LeanSigner signer = new LeanSigner(keyId, secret, null, host, "sso");
        try (KeepAliveConnection connection = new KeepAliveConnection(endpoint.getHost(), endpoint.getPort())) {
            String body = "{\"ExpiresInDays\":1}";
            int status = connection.exchange(signer.headJson(body, Instant.now(), "GatehouseAdmin.CreateScimAccessToken"), body);
            Matcher m = TOKEN.matcher(connection.lastBody());
            if (status != 200 || !m.find()) {
                throw new IllegalStateException("CreateScimAccessToken refused (" + status + ")");
            }
            return m.group(1);
        }
    }

    /** SCIM requests with the bearer token over a persistent connection. */
    record Scim(URI endpoint, String token) {
        int send(KeepAliveConnection connection, String method, String path, String body) throws IOException {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/scim+json"
                    + (body == null ? "" : "\r\nContent-Type: application/scim+json")
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            return connection.exchange(head, body == null ? "" : body);
        }
    }

    interface Step {
        boolean apply(KeepAliveConnection connection, int index) throws IOException;
    }

    interface Repeat {
        boolean apply(KeepAliveConnection connection) throws IOException;
    }

    /** One phase: its operation count, errors, time and latency percentiles. */
    record Phase(String name, long operations, long errors, double seconds, long[] sortedMicros) {
        /** {@code count} steps, indexes 0..count-1, shared out among {@code clients} threads. */
        static Phase run(URI endpoint, String name, int count, int clients, Step step) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            return measure(endpoint, name, clients, (connection, latencies, errors) -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = step.apply(connection[0], i);
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                        connection[0] = reconnect(endpoint, connection[0]);
                    }
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            });
        }

        /** Repeats {@code step} for {@code seconds} in each of {@code clients} threads. */
        static Phase timed(URI endpoint, String name, int clients, int seconds, Repeat step) throws InterruptedException {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            return measure(endpoint, name, clients, (connection, latencies, errors) -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = step.apply(connection[0]);
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                        connection[0] = reconnect(endpoint, connection[0]);
                    }
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            });
        }

        private interface Body {
            void run(KeepAliveConnection[] connection, LongList latencies, AtomicLong errors);
        }

        private static KeepAliveConnection reconnect(URI endpoint, KeepAliveConnection old) {
            try {
                old.close();
                return new KeepAliveConnection(endpoint.getHost(), endpoint.getPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot reconnect: " + e.getMessage(), e);
            }
        }

        private static Phase measure(URI endpoint, String name, int clients, Body body) throws InterruptedException {
            AtomicLong errors = new AtomicLong();
            List<LongList> all = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                LongList latencies = new LongList();
                all.add(latencies);
                Thread thread = new Thread(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(endpoint.getHost(), endpoint.getPort())) {
                        body.run(new KeepAliveConnection[] {connection}, latencies, errors);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "scim-" + c);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] sorted = all.stream().flatMapToLong(LongList::stream).sorted().toArray();
            return new Phase(name, sorted.length, errors.get(), seconds, sorted);
        }

        long percentile(double p) {
            return sortedMicros.length == 0 ? 0
                    : sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.round(p * (sortedMicros.length - 1)))];
        }

        @Override
        public String toString() {
            return String.format("%s: ops=%d errors=%d seconds=%.1f ops/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
                    name, operations, errors, seconds, operations / seconds, percentile(0.5) / 1000.0,
                    percentile(0.9) / 1000.0, percentile(0.99) / 1000.0, percentile(1.0) / 1000.0);
        }
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        java.util.stream.LongStream stream() {
            return Arrays.stream(values, 0, size);
        }
    }
}
