package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import io.gatehouse.identity.internal.sso.SsoInstances;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkforceAccess#assignmentsFor} on MariaDB in a directory of 20,000 workforce users, 2,000
 * groups, three memberships per user, an assignment per group and one per tenth user over 20
 * provisioned permission sets. The rows are written with JDBC batches (the API would take minutes)
 * into an identity store and instance of their own, so the other tests sharing this database and
 * listing the instance's users or permission sets never see them. The answers of 300 users are
 * checked against what was written. Its speed at 100,000 users is measured by the benchmark
 * ({@code benchmarks/scim-load.sh}, docs/benchmarks.md), not here.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class WorkforceAccessAtScaleTest {
    private static final Logger LOG = Logger.getLogger(WorkforceAccessAtScaleTest.class);
    static final int USERS = 20_000;
    static final int GROUPS = 2_000;
    static final int GROUPS_PER_USER = 3;
    static final int PERMISSION_SETS = 20;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SsoInstances instances;
    @Inject
    WorkforceAccess access;

    private final Random random = new Random(42);

    @Test
    void assignmentsForIsRightInALargeDirectory() throws Exception {
        SsoInstances.Instance main = instances.current();
        String run = UUID.randomUUID().toString().substring(0, 8);
        SsoInstances.Instance instance = new SsoInstances.Instance("ssoins-5ca1e" + run + "000",
                "d-5ca1e" + run.substring(0, 5), main.ownerAccountId(), "scale", main.createdAt());
        String[] users = ids(USERS);
        String[] groups = ids(GROUPS);
        String[] sets = new String[PERMISSION_SETS];
        int[][] membership = new int[USERS][GROUPS_PER_USER];
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            try (PreparedStatement store = db.prepareStatement("INSERT INTO iam_ws_store (id, account_id, created_at)"
                    + " VALUES (?, ?, ?)");
                    PreparedStatement sso = db.prepareStatement("INSERT INTO iam_sso_instance (id, store_id,"
                            + " account_id, name, created_at) VALUES (?, ?, ?, 'scale', ?)")) {
                store.setString(1, instance.storeId());
                store.setString(2, instance.ownerAccountId());
                store.setTimestamp(3, now);
                store.executeUpdate();
                sso.setString(1, instance.id());
                sso.setString(2, instance.storeId());
                sso.setString(3, instance.ownerAccountId());
                sso.setTimestamp(4, now);
                sso.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO iam_sso_permission_set (id, instance_id,"
                    + " name, name_lower, session_duration, session_seconds, version, created_at)"
                    + " VALUES (?, ?, ?, ?, 'PT1H', 3600, 1, ?)");
                    PreparedStatement provisioned = db.prepareStatement("INSERT INTO iam_sso_provisioned"
                            + " (permission_set_id, account_id, role_name, role_arn, version, provisioned_at)"
                            + " VALUES (?, ?, ?, ?, 1, ?)")) {
                for (int i = 0; i < PERMISSION_SETS; i++) {
                    sets[i] = "ps-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                    String name = "Scale" + i + "_" + run;
                    ps.setString(1, sets[i]);
                    ps.setString(2, instance.id());
                    ps.setString(3, name);
                    ps.setString(4, name.toLowerCase());
                    ps.setTimestamp(5, now);
                    ps.addBatch();
                    provisioned.setString(1, sets[i]);
                    provisioned.setString(2, instance.ownerAccountId());
                    provisioned.setString(3, "AWSReservedSSO_" + name + "_0123456789abcdef");
                    provisioned.setString(4, roleArn(instance, name));
                    provisioned.setTimestamp(5, now);
                    provisioned.addBatch();
                }
                ps.executeBatch();
                provisioned.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO iam_ws_user (id, store_id, user_name,"
                    + " user_name_lower, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, TRUE, 1, ?, ?)")) {
                for (int i = 0; i < USERS; i++) {
                    String name = "scale-" + run + "-" + i;
                    insert.setString(1, users[i]);
                    insert.setString(2, instance.storeId());
                    insert.setString(3, name);
                    insert.setString(4, name);
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                    flush(insert, i);
                }
                insert.executeBatch();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO iam_ws_group (id, store_id,"
                    + " display_name, display_name_hash, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)");
                    PreparedStatement assign = db.prepareStatement("INSERT INTO iam_sso_assignment (account_id,"
                            + " permission_set_id, principal_type, principal_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int g = 0; g < GROUPS; g++) {
                    String name = "scale-" + run + "-group-" + g;
                    insert.setString(1, groups[g]);
                    insert.setString(2, instance.storeId());
                    insert.setString(3, name);
                    insert.setString(4, HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8))));
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                    flush(insert, g);
                    assignment(assign, instance, sets[g % PERMISSION_SETS], "GROUP", groups[g], now);
                    flush(assign, g);
                }
                insert.executeBatch();
                for (int u = 0; u < USERS; u += 10) {
                    assignment(assign, instance, sets[(u / 10) % PERMISSION_SETS], "USER", users[u], now);
                    flush(assign, u / 10);
                }
                assign.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO iam_ws_member (id, store_id, group_id,"
                    + " user_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                int n = 0;
                for (int u = 0; u < USERS; u++) {
                    int first = random.nextInt(GROUPS);
                    for (int k = 0; k < GROUPS_PER_USER; k++) {
                        membership[u][k] = (first + k * 997) % GROUPS;
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, instance.storeId());
                        insert.setString(3, groups[membership[u][k]]);
                        insert.setString(4, users[u]);
                        insert.setTimestamp(5, now);
                        insert.addBatch();
                        flush(insert, n++);
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
        LOG.infof("scale data written in %d ms", (System.nanoTime() - started) / 1_000_000);

        for (int i = 0; i < 300; i++) {
            int u = i < 2 ? i * (USERS - 1) : random.nextInt(USERS);
            List<String> expected = new ArrayList<>();
            for (int g : membership[u]) {
                expected.add(sets[g % PERMISSION_SETS]);
            }
            if (u % 10 == 0) {
                expected.add(sets[(u / 10) % PERMISSION_SETS]);
            }
            List<AccountAccess> found = access.assignmentsFor(users[u]);
            assertThat(found).extracting(a -> a.permissionSetArn().substring(a.permissionSetArn().lastIndexOf('/') + 1))
                    .containsExactlyInAnyOrderElementsOf(expected.stream().distinct().toList());
            assertThat(found).allSatisfy(a -> assertThat(a.roleArn()).contains("AWSReservedSSO_Scale"));
        }
    }

    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        return ids;
    }

    private static String roleArn(SsoInstances.Instance instance, String name) {
        return "arn:aws:iam::" + instance.ownerAccountId() + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_"
                + name + "_0123456789abcdef";
    }

    private static void assignment(PreparedStatement assign, SsoInstances.Instance instance, String set, String type,
            String principal, Timestamp now) throws Exception {
        assign.setString(1, instance.ownerAccountId());
        assign.setString(2, set);
        assign.setString(3, type);
        assign.setString(4, principal);
        assign.setTimestamp(5, now);
        assign.addBatch();
    }

    private static void flush(PreparedStatement statement, int n) throws Exception {
        if (n % 5_000 == 4_999) {
            statement.executeBatch();
        }
    }
}
