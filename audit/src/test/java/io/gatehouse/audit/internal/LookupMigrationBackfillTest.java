package io.gatehouse.audit.internal;

import static io.gatehouse.audit.internal.Lookups.ACCOUNT;
import static io.gatehouse.audit.internal.Lookups.ids;
import static io.gatehouse.audit.internal.Lookups.query;
import static io.gatehouse.audit.internal.Lookups.seal;
import static io.gatehouse.audit.internal.Lookups.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.LookupAttribute.Key;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.audit.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migration V2026.11.24.30 on a database of the release before it, on H2 and on MariaDB: the sealed
 * management events and their {@code aud_outbox_resource} rows become {@code aud_lookup} rows, the
 * old indexes go (the table stays, for a rolling upgrade), and LookupEvents finds the old events (sealed ones through the index,
 * the unsealed one in the tail until the sealer indexes it from its record).
 */
class LookupMigrationBackfillTest {

    private static final String PREVIOUS = "2026.11.24.20";
    private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/dev/alice";
    private static final String BOB = "arn:aws:iam::" + ACCOUNT + ":user/bob";
    private static final String APP = "arn:aws:iam::" + ACCOUNT + ":role/app";
    private static final String ORDER = "arn:aws:orders:us-east-1:" + ACCOUNT + ":order/42";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sealedManagementEventsOfTheOldSchemaAreIndexed(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrateTo(PREVIOUS);
            DataSource dataSource = database.dataSource();
            long a = insertOld(dataSource, 1, true, "CreateUser", "alice", "AKIAALICE", false,
                    new AuditEvent.Resource("AWS::IAM::User", ALICE, ACCOUNT),
                    new AuditEvent.Resource("AWS::IAM::Group", "readers", ACCOUNT),
                    new AuditEvent.Resource("AWS::IAM::User", BOB, ACCOUNT));
            long b = insertOld(dataSource, 2, true, "GetUser", null, null, true,
                    new AuditEvent.Resource("AWS::IAM::User", "arn:aws:iam::" + ACCOUNT + ":user/" + "x".repeat(700),
                            ACCOUNT));
            long c = insertOld(dataSource, 3, false, "Authorize", "dave", "AKIADAVE", true,
                    new AuditEvent.Resource("Gatehouse::Resource", ORDER, ACCOUNT));
            long d = insertOld(dataSource, 0, true, "CreateRole", "erin", "AKIAERIN", false,
                    new AuditEvent.Resource("AWS::IAM::Role", APP, ACCOUNT));
            execute(dataSource, "UPDATE aud_lease SET seal_counter = 3 WHERE name = 'relay'");

            database.migrate();

            assertThat(strings(dataSource, "SELECT outbox_id, attr, val FROM aud_lookup ORDER BY outbox_id, attr, val"))
                    .as("no rows for EventSource, ReadOnly and ARNs since 2026.11.24.40")
                    .containsExactly(a + "=0=", a + "=1=CreateUser", a + "=2=alice", a + "=3=AKIAALICE",
                            a + "=6=AWS::IAM::Group", a + "=6=AWS::IAM::User",
                            a + "=7=alice", a + "=7=bob", a + "=7=readers",
                            b + "=0=", b + "=1=GetUser", b + "=6=AWS::IAM::User");
            assertThat(strings(dataSource, "SELECT COUNT(*) FROM aud_lookup l JOIN aud_outbox o ON o.id = l.outbox_id"
                    + " WHERE l.event_time = o.event_time AND l.account_id = o.account_id")).containsExactly("12");
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData meta = connection.getMetaData();
                assertThat(indexes(meta, connection.getCatalog(), "aud_outbox")).contains("aud_outbox_unsealed_ix")
                        .noneMatch(name -> name.startsWith("aud_outbox_account_"));
                assertThat(indexes(meta, connection.getCatalog(), "aud_lookup")).as("the primary key only: retention deletes by key")
                        .isNotEmpty().allMatch(name -> name.startsWith("primary"));
                try (ResultSet tables = meta.getTables(connection.getCatalog(), null, "aud_lookup", null)) {
                    assertThat(tables.next()).as("the names as the metadata has them").isTrue();
                }
                try (ResultSet tables = meta.getTables(connection.getCatalog(), null, "aud_outbox_resource", null)) {
                    assertThat(tables.next()).as("aud_outbox_resource kept for a replica of the release before")
                            .isTrue();
                }
            }

            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            List<String> all = ids(history, LookupQuery.builder(ACCOUNT).build());
            assertThat(all).containsExactly(eventId(dataSource, d), eventId(dataSource, b), eventId(dataSource, a));
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "bob"))).containsExactly(eventId(dataSource, a));
            assertThat(ids(history, query(ACCOUNT, Key.USERNAME, "alice"))).containsExactly(eventId(dataSource, a));
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "42"))).isEmpty();
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, BOB))).as("an ARN, through its name's rows")
                    .containsExactly(eventId(dataSource, a));
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "arn:aws:iam::" + ACCOUNT + ":group/bob")))
                    .as("the name's rows, but no resource with that ARN").isEmpty();
            assertThat(ids(history, query(ACCOUNT, Key.READ_ONLY, "true"))).containsExactly(eventId(dataSource, b));
            assertThat(ids(history, query(ACCOUNT, Key.READ_ONLY, "false")))
                    .containsExactly(eventId(dataSource, d), eventId(dataSource, a));
            assertThat(ids(history, query(ACCOUNT, Key.EVENT_SOURCE, "iam.amazonaws.com"))).isEqualTo(all);
            assertThat(ids(history, query(ACCOUNT, Key.EVENT_SOURCE, "sts.amazonaws.com"))).isEmpty();
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "app"))).as("the tail")
                    .containsExactly(eventId(dataSource, d));
            assertThat(history.lookup(query(ACCOUNT, Key.USERNAME, "alice")).events().get(0).resources())
                    .containsExactly(new LookupPage.Resource("AWS::IAM::User", "alice"),
                            new LookupPage.Resource("AWS::IAM::Group", "readers"),
                            new LookupPage.Resource("AWS::IAM::User", "bob"));

            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(1);
            assertThat(strings(dataSource, "SELECT attr, val FROM aud_lookup WHERE outbox_id = " + d
                    + " AND attr >= 6 ORDER BY attr, val")).containsExactly("6=AWS::IAM::Role", "7=app");
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "app"))).as("the index")
                    .containsExactly(eventId(dataSource, d));
        }
    }

    /**
     * An outbox row as the release before wrote it, with its resources' rows (name and ARN as that
     * release derived them, null when too long), {@code sealNo} 0 for unsealed; its id. The times
     * are one second apart in insertion order.
     */
    private static long insertOld(DataSource dataSource, long sealNo, boolean management, String name, String user,
            String key, boolean readOnly, AuditEvent.Resource... resources) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int count = countRows(connection);
            AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).recipientAccountId(ACCOUNT)
                    .eventName(name).eventTime(Events.TIME.plusSeconds(count)).readOnly(readOnly)
                    .managementEvent(management).resources(List.of(resources)).build();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_outbox (event_id, account_id,"
                    + " event_time, event_source, event_name, username, access_key_id, read_only, payload, seal_no,"
                    + " payload_canonical, management_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)")) {
                insert.setString(1, event.eventID());
                insert.setString(2, ACCOUNT);
                insert.setObject(3, LocalDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC));
                insert.setString(4, event.eventSource());
                insert.setString(5, name);
                insert.setString(6, user);
                insert.setString(7, key);
                insert.setBoolean(8, readOnly);
                insert.setString(9, CloudTrailJson.write(event));
                insert.setLong(10, sealNo);
                insert.setBoolean(11, management);
                insert.executeUpdate();
            }
            long id = Long.parseLong(strings(dataSource, "SELECT id FROM aud_outbox WHERE event_id = ?",
                    event.eventID()).get(0));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_outbox_resource (outbox_id,"
                    + " account_id, resource_type, resource_name, resource_arn) VALUES (?, ?, ?, ?, ?)")) {
                for (AuditEvent.Resource resource : resources) {
                    EventResources.Columns columns = EventResources.columns(resource);
                    insert.setLong(1, id);
                    insert.setString(2, ACCOUNT);
                    insert.setString(3, columns.type());
                    insert.setString(4, columns.name());
                    insert.setString(5, columns.arn());
                    insert.executeUpdate();
                }
            }
            return id;
        }
    }

    private static int countRows(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet result = select.executeQuery("SELECT COUNT(*) FROM aud_outbox")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String eventId(DataSource dataSource, long id) throws SQLException {
        return strings(dataSource, "SELECT event_id FROM aud_outbox WHERE id = " + id).get(0);
    }

    /** The names of {@code aud_outbox}'s indexes, in lower case. */
    private static List<String> indexes(DatabaseMetaData meta, String catalog, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet indexes = meta.getIndexInfo(catalog, null, table, false, false)) {
            while (indexes.next()) {
                names.add(indexes.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.executeUpdate(sql);
        }
    }
}
