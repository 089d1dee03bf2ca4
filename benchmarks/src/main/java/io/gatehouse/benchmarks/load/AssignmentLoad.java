package io.gatehouse.benchmarks.load;

import io.gatehouse.identity.AccountAccess;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assignment benchmark (issue 6), run after {@link ScimLoad} on the directory it loaded:
 * ACCOUNTS member accounts (Organizations CreateAccount) and PERMISSION_SETS permission sets
 * (ReadOnlyAccess attached) are created, every group of the directory is assigned one permission set
 * in one account (CreateAccountAssignment, which provisions the roles), and then random users'
 * assignments are resolved (groups, permission sets, accounts) with the server's own query,
 * {@code StoreWorkforceAccess.read}, on a JDBC connection to the same
 * database, for SECONDS at each client count. Only for a server and database on this machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.AssignmentLoad \
 *     ENDPOINT KEY_ID SECRET JDBC_URL ACCOUNTS PERMISSION_SETS CLIENTS SECONDS</pre>
 */
public final class AssignmentLoad {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\"AccountId\"\\s*:\\s*\"(\\d{12})\"");
    private static final Pattern INSTANCE_ARN = Pattern.compile("\"InstanceArn\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PERMISSION_SET_ARN = Pattern.compile("\"PermissionSetArn\"\\s*:\\s*\"([^\"]+)\"");

    private AssignmentLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: AssignmentLoad ENDPOINT KEY_ID SECRET JDBC_URL ACCOUNTS PERMISSION_SETS CLIENTS SECONDS");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        String jdbcUrl = args[3];
        int accounts = Integer.parseInt(args[4]);
        int permissionSets = Integer.parseInt(args[5]);
        int clients = Integer.parseInt(args[6]);
        int seconds = Math.min(Integer.parseInt(args[7]), 600);
        Api api = new Api(endpoint, args[1], args[2]);

        List<String> groupIds = column(jdbcUrl, "SELECT id FROM iam_ws_group ORDER BY id");
        List<String> userIds = column(jdbcUrl, "SELECT id FROM iam_ws_user ORDER BY id");
        if (groupIds.isEmpty() || userIds.isEmpty()) {
            throw new IllegalStateException("the directory is empty: run ScimLoad first");
        }
        String instanceArn;
        List<String> accountIds = new ArrayList<>();
        List<String> setArns = new ArrayList<>();
        try (KeepAliveConnection connection = api.connect()) {
            instanceArn = api.call(connection, "sso", "SWBExternalService.ListInstances", "{}", INSTANCE_ARN);
            for (int a = 0; a < accounts; a++) {
                accountIds.add(api.call(connection, "organizations", "AWSOrganizationsV20161128.CreateAccount",
                        "{\"Email\":\"bench-" + a + "-" + System.nanoTime() + "@example.com\",\"AccountName\":\"bench-" + a
                                + "\"}", ACCOUNT_ID));
            }
            for (int p = 0; p < permissionSets; p++) {
                String arn = api.call(connection, "sso", "SWBExternalService.CreatePermissionSet",
                        "{\"InstanceArn\":\"" + instanceArn + "\",\"Name\":\"bench-" + p + "\",\"SessionDuration\":\"PT4H\"}",
                        PERMISSION_SET_ARN);
                api.call(connection, "sso", "SWBExternalService.AttachManagedPolicyToPermissionSet",
                        "{\"InstanceArn\":\"" + instanceArn + "\",\"PermissionSetArn\":\"" + arn
                                + "\",\"ManagedPolicyArn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}", null);
                setArns.add(arn);
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try (KeepAliveConnection connection = api.connect()) {
                    for (int g = next.getAndIncrement(); g < groupIds.size(); g = next.getAndIncrement()) {
                        String body = "{\"InstanceArn\":\"" + instanceArn + "\",\"TargetId\":\""
                                + accountIds.get(g % accountIds.size()) + "\",\"TargetType\":\"AWS_ACCOUNT\","
                                + "\"PermissionSetArn\":\"" + setArns.get((g / accountIds.size()) % setArns.size())
                                + "\",\"PrincipalType\":\"GROUP\",\"PrincipalId\":\"" + groupIds.get(g) + "\"}";
                        if (!api.send(connection, "sso", "SWBExternalService.CreateAccountAssignment", body)
                                && errors.incrementAndGet() <= 3) {
                            System.out.println("refused: " + connection.lastBody());
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "assign-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double assignSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("assignments: %d groups assigned (%d accounts, %d permission sets), errors=%d, %.1f s, %.0f/s%n",
                groupIds.size(), accounts, permissionSets, errors.get(), assignSeconds, groupIds.size() / assignSeconds);

        resolve(jdbcUrl, userIds, 1, 10, "warm-up");
        for (int n : new int[] {1, 4}) {
            resolve(jdbcUrl, userIds, n, seconds, "resolve a user's assignments, " + n + " clients");
        }
    }

    private static void resolve(String jdbcUrl, List<String> userIds, int clients, int seconds, String name)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<ScimLoad.LongList> latencies = new ArrayList<>();
        AtomicLong found = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            ScimLoad.LongList mine = new ScimLoad.LongList();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "")) {
                    while (System.nanoTime() < end) {
                        String user = userIds.get(ThreadLocalRandom.current().nextInt(userIds.size()));
                        long t0 = System.nanoTime();
                        List<AccountAccess> access = assignments(connection, user);
                        mine.add((System.nanoTime() - t0) / 1000);
                        found.addAndGet(access.size());
                        if (access.isEmpty()) {
                            empty.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "resolve-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().flatMapToLong(ScimLoad.LongList::stream).sorted().toArray();
        System.out.printf("%s: resolutions=%d (%.0f/s), assignments per user %.2f, users without any %d, "
                + "p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n", name, sorted.length, sorted.length / elapsed,
                found.get() / (double) Math.max(1, sorted.length), empty.get(), at(sorted, 0.5), at(sorted, 0.9),
                at(sorted, 0.99), at(sorted, 1.0));
    }

    private static List<AccountAccess> assignments(Connection connection, String userId) throws SQLException {
        return io.gatehouse.identity.internal.sso.StoreWorkforceAccess.read(connection, userId);
    }

    private static double at(long[] sorted, double p) {
        return sorted.length == 0 ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1000.0;
    }

    private static List<String> column(String jdbcUrl, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Signed JSON 1.1 calls to "/" with the administrator's key. */
    record Api(URI endpoint, String keyId, String secret) {
        KeepAliveConnection connect() throws IOException {
            return new KeepAliveConnection(endpoint.getHost(), endpoint.getPort());
        }

        boolean send(KeepAliveConnection connection, String service, String target, String body) throws IOException {
            LeanSigner signer = new LeanSigner(keyId, secret, null, endpoint.getHost() + ":" + endpoint.getPort(), service);
            return connection.exchange(signer.headJson(body, Instant.now(), target), body) == 200;
        }

        /** Sends the call; returns the first group of {@code pattern} in the answer (or null when null). */
        String call(KeepAliveConnection connection, String service, String target, String body, Pattern pattern)
                throws IOException {
            if (!send(connection, service, target, body)) {
                throw new IllegalStateException(target + " refused: " + connection.lastBody());
            }
            if (pattern == null) {
                return null;
            }
            Matcher m = pattern.matcher(connection.lastBody());
            if (!m.find()) {
                throw new IllegalStateException(target + ": no " + pattern + " in " + connection.lastBody());
            }
            return m.group(1);
        }
    }
}
