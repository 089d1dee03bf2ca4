package io.gatehouse.audit.internal;

import static io.gatehouse.audit.internal.Lookups.ACCOUNT;
import static io.gatehouse.audit.internal.Lookups.count;
import static io.gatehouse.audit.internal.Lookups.event;
import static io.gatehouse.audit.internal.Lookups.ids;
import static io.gatehouse.audit.internal.Lookups.lookupRows;
import static io.gatehouse.audit.internal.Lookups.query;
import static io.gatehouse.audit.internal.Lookups.record;
import static io.gatehouse.audit.internal.Lookups.seal;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupAttribute.Key;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.audit.TestDatabase;
import io.gatehouse.audit.internal.relay.OutboxRelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code aud_lookup} rows the sealer writes, on H2 and on MariaDB: none for data events; a
 * resource value too long for its column gets no row; values PAD SPACE compares as equal, and a
 * record whose resources cannot be read, do not stop sealing; retention deletes the rows with
 * their events.
 */
class LookupRowsBySealerTest {

    private static final String USERS = "arn:aws:iam::" + ACCOUNT + ":user/";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dataEventsGetNoLookupRows(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            AuditEvent management = record(dataSource, event(ACCOUNT, "GetUser", Events.TIME, true, "dave"));
            AuditEvent decision = record(dataSource, event(ACCOUNT, "Authorize", Events.TIME.plusSeconds(1), true,
                    "dave", new AuditEvent.Resource("Gatehouse::Resource", "arn:aws:orders:us-east-1:" + ACCOUNT
                            + ":order/42", ACCOUNT)).toBuilder().managementEvent(false)
                    .eventCategory(AuditEvent.Category.DATA).build());

            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(2);

            assertThat(lookupRows(dataSource, decision)).isEmpty();
            assertThat(lookupRows(dataSource, management)).isNotEmpty();
            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            assertThat(ids(history, LookupQuery.builder(ACCOUNT).build())).containsExactly(management.eventID());
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "42"))).isEmpty();
        }
    }

    /** A value is never cut (a cut value could match another resource): too long, no row. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aResourceValueTooLongForItsColumnGetsNoRowButTheEventIsStillFound(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            String longName = "n".repeat(641); // over 640, and so its ARN too
            String longArn = USERS + "m".repeat(700);
            String fitting = "f".repeat(600); // its ARN (631) fits in 640 too
            AuditEvent event = record(dataSource, event(ACCOUNT, "CreateUser", Events.TIME, false, "alice",
                    new AuditEvent.Resource("T".repeat(129), USERS + longName, ACCOUNT),
                    new AuditEvent.Resource("AWS::IAM::User", longArn, ACCOUNT),
                    new AuditEvent.Resource("AWS::IAM::Role", USERS + fitting, ACCOUNT)));

            for (boolean sealed : new boolean[] {false, true}) {
                if (sealed) {
                    assertThat(seal(Lookups.relay(dataSource))).isEqualTo(1);
                    assertThat(lookupRows(dataSource, event)).filteredOn(r -> r.startsWith("6=") || r.startsWith("7=")
                            || r.startsWith("8=")).containsExactly("6=AWS::IAM::Role", "6=AWS::IAM::User",
                                    "7=" + fitting);
                }
                assertThat(ids(history, LookupQuery.builder(ACCOUNT).build())).as("sealed: %s", sealed)
                        .containsExactly(event.eventID());
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, longName))).isEmpty();
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, USERS + longName))).isEmpty();
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, longArn))).isEmpty();
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_TYPE, "T".repeat(129)))).isEmpty();
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, fitting))).containsExactly(event.eventID());
                assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, USERS + fitting)))
                        .as("its ARN, sealed: %s", sealed).containsExactly(event.eventID());
                assertThat(history.lookup(LookupQuery.builder(ACCOUNT).build()).events().get(0).resources())
                        .containsExactly(new LookupPage.Resource(null, null),
                                new LookupPage.Resource("AWS::IAM::User", null),
                                new LookupPage.Resource("AWS::IAM::Role", fitting));
            }
        }
    }

    /**
     * MariaDB's utf8mb4_bin ignores trailing spaces when it compares: two resource names differing
     * only by them would be one key, and a second row a duplicate that stopped all sealing.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void resourceNamesDifferingOnlyByTrailingSpacesDoNotStopSealing(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            AuditEvent event = record(dataSource, event(ACCOUNT, "TagUser", Events.TIME, false, "alice",
                    new AuditEvent.Resource("AWS::IAM::User", "x", ACCOUNT),
                    new AuditEvent.Resource("AWS::IAM::User", "x  ", ACCOUNT)));

            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(1);

            assertThat(lookupRows(dataSource, event)).filteredOn(r -> r.startsWith("7=")).containsExactly("7=x");
            assertThat(ids(new OutboxEventHistory(dataSource), query(ACCOUNT, Key.RESOURCE_NAME, "x")))
                    .containsExactly(event.eventID());
        }
    }

    /** A record whose resources do not read as CloudTrailJson writes them is still sealed and found. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRecordWhoseResourcesCannotBeReadIsSealedAndIndexedWithoutThem(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            String broken = insertRaw(dataSource, "{\"awsRegion\":\"us-east-1\",\"resources\":[{\"ARN\" \"x\"}]}");
            String notAList = insertRaw(dataSource, "{\"awsRegion\":\"us-east-1\",\"resources\":\"x\"}");
            AuditEvent fine = record(dataSource, event(ACCOUNT, "CreateUser", Events.TIME, false, "alice",
                    new AuditEvent.Resource("AWS::IAM::User", USERS + "bob", ACCOUNT)));

            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(3);

            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            assertThat(ids(history, query(ACCOUNT, Key.EVENT_NAME, "Odd"))).containsExactlyInAnyOrder(broken, notAList);
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "bob"))).containsExactly(fine.eventID());
            assertThat(history.lookup(query(ACCOUNT, Key.EVENT_ID, broken)).events().get(0).resources()).isEmpty();
            assertThat(count(dataSource, "SELECT COUNT(*) FROM aud_lookup WHERE attr >= 6 AND outbox_id IN"
                    + " (SELECT id FROM aud_outbox WHERE event_name = 'Odd')")).isZero();
        }
    }

    /** A management event named Odd whose stored record is {@code payload}, marked canonical; its eventID. */
    private static String insertRaw(DataSource dataSource, String payload) throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_outbox (event_id, account_id,"
                        + " event_time, event_source, event_name, read_only, payload, payload_canonical)"
                        + " VALUES (?, ?, ?, 'iam.amazonaws.com', 'Odd', FALSE, ?, TRUE)")) {
            connection.setAutoCommit(true);
            insert.setString(1, eventId);
            insert.setString(2, ACCOUNT);
            insert.setObject(3, LocalDateTime.of(2026, 11, 23, 8, 0));
            insert.setString(4, payload);
            insert.executeUpdate();
        }
        return eventId;
    }

    /**
     * An ARN is looked up through the rows of its name, a chunk at a time: here the name's newest
     * 250 events are of another resource of that name, so the ARN's events come from a later chunk,
     * a page at a time.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anArnIsFoundThroughItsNamesRowsPastOtherResourcesOfThatName(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            String user = USERS + "bob";
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                users.add(0, record(dataSource, event(ACCOUNT, "TagUser", Events.TIME, false, "alice",
                        new AuditEvent.Resource("AWS::IAM::User", user, ACCOUNT))).eventID());
            }
            for (int i = 0; i < 250; i++) {
                record(dataSource, event(ACCOUNT, "TagRole", Events.TIME.plusSeconds(1), false, "alice",
                        new AuditEvent.Resource("AWS::IAM::Role", "arn:aws:iam::" + ACCOUNT + ":role/bob", ACCOUNT)));
            }
            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(253);
            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            LookupQuery first = LookupQuery.builder(ACCOUNT)
                    .attribute(new LookupAttribute(Key.RESOURCE_NAME, user)).maxResults(2).build();

            LookupPage page = history.lookup(first);
            assertThat(page.events()).extracting(LookupPage.Event::eventId).containsExactlyElementsOf(users.subList(0, 2));
            assertThat(page.nextToken()).isNotNull();
            LookupPage next = history.lookup(LookupQuery.builder(ACCOUNT)
                    .attribute(new LookupAttribute(Key.RESOURCE_NAME, user)).maxResults(2)
                    .nextToken(page.nextToken()).build());
            assertThat(next.events()).extracting(LookupPage.Event::eventId).containsExactly(users.get(2));
            assertThat(next.nextToken()).isNull();
            assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "bob"))).hasSize(50).doesNotContainAnyElementsOf(users);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFilterWithoutRowsOfItsOwnReadsAtMostItsBudgetAPageAndTheNextPageGoesOnFromThere(TestDatabase kind)
            throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            String role = "arn:aws:iam::" + ACCOUNT + ":role/bob";
            List<String> writes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                writes.add(0, record(dataSource, event(ACCOUNT, "TagUser", Events.TIME, false, "alice",
                        new AuditEvent.Resource("AWS::IAM::User", USERS + "bob", ACCOUNT))).eventID());
            }
            for (int i = 0; i < 45; i++) {
                record(dataSource, event(ACCOUNT, "GetRole", Events.TIME.plusSeconds(1), true, "alice",
                        new AuditEvent.Resource("AWS::IAM::Role", role, ACCOUNT)));
            }
            seal(Lookups.relay(dataSource));
            // Newer and not sealed: the tail's, listed on the first page before where its scan stopped.
            writes.add(0, record(dataSource, event(ACCOUNT, "TagUser", Events.TIME.plusSeconds(2), false, "alice",
                    new AuditEvent.Resource("AWS::IAM::User", USERS + "bob", ACCOUNT))).eventID());
            OutboxEventHistory history = new OutboxEventHistory(dataSource, new LookupReads.Scan(10, 30));

            List<List<String>> byReadOnly = pages(history, new LookupAttribute(Key.READ_ONLY, "false"));
            assertThat(byReadOnly).containsExactly(writes.subList(0, 1), writes.subList(1, 3));
            List<List<String>> byArn = pages(history, new LookupAttribute(Key.RESOURCE_NAME, USERS + "bob"));
            assertThat(byArn).containsExactly(writes.subList(0, 1), writes.subList(1, 3));
            // Past the budget without a match at all: an empty page and a next token, as CloudTrail may.
            List<List<String>> bySource = pages(history, new LookupAttribute(Key.EVENT_SOURCE, "sts.amazonaws.com"));
            assertThat(bySource).containsExactly(List.of(), List.of());
            // Where most rows match, the first window fills a page: 5 a page, the last one without a token.
            assertThat(pages(history, new LookupAttribute(Key.READ_ONLY, "true")).stream().map(List::size))
                    .containsExactly(5, 5, 5, 5, 5, 5, 5, 5, 5);
        }
    }

    /** Every page of the account's events with this filter, 5 a page, following the next tokens. */
    private static List<List<String>> pages(OutboxEventHistory history, LookupAttribute attribute) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            LookupPage page = history.lookup(LookupQuery.builder(ACCOUNT).attribute(attribute).maxResults(5)
                    .nextToken(token).build());
            pages.add(page.events().stream().map(LookupPage.Event::eventId).toList());
            token = page.nextToken();
        } while (token != null && pages.size() < 100);
        return pages;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retentionDeletesTheLookupRowsOfTheEventsItDeletes(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            OutboxRelay relay = Lookups.retainingRelay(dataSource);
            for (int i = 0; i < 3; i++) {
                record(dataSource, event(ACCOUNT, "Old" + i, Events.TIME, false, "alice",
                        new AuditEvent.Resource("AWS::IAM::User", USERS + "bob", ACCOUNT)));
            }
            seal(relay);
            published(dataSource); // what the relay records once Kafka has the events
            AuditEvent kept = record(dataSource, event(ACCOUNT, "NotOnKafkaYet", Events.TIME, false, "alice"));
            seal(relay);

            assertThat(relay.deleteExpired()).isEqualTo(3);

            assertThat(Lookups.strings(dataSource, "SELECT DISTINCT o.event_id FROM aud_lookup l"
                    + " LEFT JOIN aud_outbox o ON o.id = l.outbox_id")).containsExactly(kept.eventID());
            assertThat(ids(new OutboxEventHistory(dataSource), LookupQuery.builder(ACCOUNT).build()))
                    .containsExactly(kept.eventID());
        }
    }

    /** Sets the published watermark to the last seal number handed out. */
    private static void published(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE aud_lease SET published_seal_no = seal_counter WHERE name = 'relay'")) {
            connection.setAutoCommit(true);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
