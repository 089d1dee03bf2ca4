package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.EventHistory;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.InvalidNextTokenException;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupAttribute.Key;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * LookupEvents' query on real MariaDB in the application, whose relay seals (and indexes) events
 * within about 50 ms of their commit, so a lookup may find them in the unsealed tail or in the index:
 * one account only, newest first, each filter, paging. Which part finds what is pinned down by
 * {@code LookupBeforeAndAfterSealingTest}.
 */
@QuarkusTest
@QuarkusTestResource(MariaDbTestResource.class)
class OutboxEventHistoryTest {

    @Inject
    AuditLog auditLog;

    @Inject
    EventHistory history;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** A fresh account per test, so tests sharing the database never see each other's events. */
    private static String account() {
        return String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }

    private AuditEvent record(String account, String name, Instant time, boolean readOnly, String user,
            AuditEvent.Resource... resources) {
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).recipientAccountId(account)
                .eventName(name).eventTime(time).readOnly(readOnly)
                .userIdentity(UserIdentity.builder(UserIdentity.Type.IAM_USER).userName(user).accountId(account)
                        .arn("arn:aws:iam::" + account + ":user/" + user).accessKeyId("AKIA" + user.toUpperCase())
                        .build())
                .resources(List.of(resources)).build();
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event));
        return event;
    }

    private List<String> ids(LookupQuery query) {
        return history.lookup(query).events().stream().map(LookupPage.Event::eventId).toList();
    }

    @Test
    void newestFirstAndOnlyTheAccountsOwn() {
        String account = account();
        AuditEvent older = record(account, "CreateUser", Events.TIME, false, "alice");
        AuditEvent newer = record(account, "GetUser", Events.TIME.plusSeconds(5), true, "alice");
        AuditEvent sameSecond = record(account, "ListUsers", Events.TIME.plusSeconds(5), true, "alice");
        record(account(), "CreateUser", Events.TIME, false, "alice");

        LookupPage page = history.lookup(LookupQuery.builder(account).build());
        assertThat(page.events()).extracting(LookupPage.Event::eventId)
                .containsExactly(sameSecond.eventID(), newer.eventID(), older.eventID());
        assertThat(page.nextToken()).isNull();
        LookupPage.Event first = page.events().get(2);
        assertThat(first.eventName()).isEqualTo("CreateUser");
        assertThat(first.readOnly()).isFalse();
        assertThat(first.username()).isEqualTo("alice");
        assertThat(first.accessKeyId()).isEqualTo("AKIAALICE");
        assertThat(first.eventSource()).isEqualTo("iam.amazonaws.com");
        assertThat(first.eventTime()).isEqualTo(Events.TIME);
        assertThat(first.cloudTrailEvent()).contains("\"eventID\":\"" + older.eventID() + "\"");
    }

    @Test
    void eachAttributeFilters() {
        String account = account();
        AuditEvent create = record(account, "CreateUser", Events.TIME, false, "alice",
                new AuditEvent.Resource("AWS::IAM::User", "arn:aws:iam::" + account + ":user/team/bob", account));
        AuditEvent read = record(account, "GetRole", Events.TIME.plusSeconds(1), true, "carol",
                new AuditEvent.Resource("AWS::IAM::Role", "arn:aws:iam::" + account + ":role/app", account));

        assertThat(ids(query(account, Key.EVENT_ID, create.eventID()))).containsExactly(create.eventID());
        assertThat(ids(query(account, Key.EVENT_NAME, "GetRole"))).containsExactly(read.eventID());
        assertThat(ids(query(account, Key.READ_ONLY, "true"))).containsExactly(read.eventID());
        assertThat(ids(query(account, Key.READ_ONLY, "false"))).containsExactly(create.eventID());
        assertThat(ids(query(account, Key.USERNAME, "carol"))).containsExactly(read.eventID());
        assertThat(ids(query(account, Key.ACCESS_KEY_ID, "AKIAALICE"))).containsExactly(create.eventID());
        assertThat(ids(query(account, Key.EVENT_SOURCE, "iam.amazonaws.com"))).hasSize(2);
        assertThat(ids(query(account, Key.EVENT_SOURCE, "sts.amazonaws.com"))).isEmpty();
        assertThat(ids(query(account, Key.RESOURCE_TYPE, "AWS::IAM::Role"))).containsExactly(read.eventID());
        assertThat(ids(query(account, Key.RESOURCE_NAME, "bob"))).containsExactly(create.eventID());
        assertThat(ids(query(account, Key.RESOURCE_NAME, "arn:aws:iam::" + account + ":user/team/bob")))
                .containsExactly(create.eventID());
        assertThat(ids(query(account, Key.RESOURCE_NAME, "team/bob"))).isEmpty();

        LookupPage.Event shown = history.lookup(query(account, Key.EVENT_ID, create.eventID())).events().get(0);
        assertThat(shown.resources()).containsExactly(new LookupPage.Resource("AWS::IAM::User", "bob"));
    }

    @Test
    void dataEventsAreStoredButLeftOutOfTheEventHistoryAsInCloudTrail() throws Exception {
        String account = account();
        AuditEvent management = record(account, "GetUser", Events.TIME, true, "dave");
        AuditEvent.Resource order = new AuditEvent.Resource("Gatehouse::Resource",
                "arn:aws:orders:us-east-1:" + account + ":order/42", account);
        AuditEvent decided = Events.createUser().eventID(UUID.randomUUID().toString()).recipientAccountId(account)
                .eventName("Authorize").eventTime(Events.TIME.plusSeconds(1)).readOnly(true)
                .managementEvent(false).eventCategory(AuditEvent.Category.DATA).resources(List.of(order)).build();
        AuditEvent inTransaction = decided.toBuilder().eventID(UUID.randomUUID().toString()).build();
        auditLog.recordNow(decided); // the group-commit writer's path
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(inTransaction)); // the entity's

        assertThat(ids(LookupQuery.builder(account).build())).containsExactly(management.eventID());
        assertThat(ids(query(account, Key.EVENT_NAME, "Authorize"))).isEmpty();
        assertThat(ids(query(account, Key.RESOURCE_NAME, "42"))).isEmpty();
        assertThat(ids(query(account, Key.EVENT_ID, decided.eventID()))).isEmpty();

        // Once the application's relay has sealed them: stored as data events, and not indexed.
        String select = "SELECT o.management_event, o.seal_no,"
                + " (SELECT COUNT(*) FROM aud_lookup l WHERE l.outbox_id = o.id)"
                + " FROM aud_outbox o WHERE o.event_id IN (?, ?)";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        List<long[]> rows;
        do {
            Thread.sleep(50);
            rows = query(select, decided.eventID(), inTransaction.eventID());
            assertThat(System.nanoTime()).as("sealed in time").isLessThan(deadline);
        } while (rows.stream().anyMatch(r -> r[1] == 0));
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r[0]).as("management_event").isZero();
            assertThat(r[2]).as("lookup rows").isZero();
        });
        assertThat(ids(LookupQuery.builder(account).build())).containsExactly(management.eventID());
        assertThat(ids(query(account, Key.RESOURCE_NAME, "42"))).isEmpty();
    }

    /** The rows of {@code sql} with the two strings bound, each as its columns' numbers. */
    private List<long[]> query(String sql, String first, String second) throws java.sql.SQLException {
        List<long[]> rows = new ArrayList<>();
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, first);
            select.setString(2, second);
            try (java.sql.ResultSet result = select.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    long[] row = new long[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getLong(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void timeRangeIsInclusive() {
        String account = account();
        AuditEvent a = record(account, "A", Events.TIME, false, "u");
        AuditEvent b = record(account, "B", Events.TIME.plusSeconds(10), false, "u");
        AuditEvent c = record(account, "C", Events.TIME.plusSeconds(20), false, "u");
        assertThat(ids(LookupQuery.builder(account).startTime(Events.TIME.plusSeconds(10)).build()))
                .containsExactly(c.eventID(), b.eventID());
        assertThat(ids(LookupQuery.builder(account).endTime(Events.TIME.plusSeconds(10)).build()))
                .containsExactly(b.eventID(), a.eventID());
        assertThat(ids(LookupQuery.builder(account).startTime(Events.TIME.plusSeconds(1))
                .endTime(Events.TIME.plusSeconds(19)).build())).containsExactly(b.eventID());
    }

    @Test
    void pagesCoverEveryEventOnceAndTokensBelongToTheirQuery() {
        String account = account();
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share a second: the order within a second is the recording order.
            recorded.add(0, record(account, "E" + i, Events.TIME.plusSeconds(i / 2), true, "u").eventID());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            LookupPage page = history.lookup(LookupQuery.builder(account).maxResults(3).nextToken(token).build());
            seen.addAll(page.events().stream().map(LookupPage.Event::eventId).toList());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(recorded);

        String issued = history.lookup(LookupQuery.builder(account).maxResults(2).build()).nextToken();
        assertThat(issued).isNotNull();
        assertThatThrownBy(() -> history.lookup(LookupQuery.builder(account()).nextToken(issued).build()))
                .isInstanceOf(InvalidNextTokenException.class);
        assertThatThrownBy(() -> history.lookup(LookupQuery.builder(account)
                .attribute(new LookupAttribute(Key.EVENT_NAME, "E1")).nextToken(issued).build()))
                .isInstanceOf(InvalidNextTokenException.class);
        assertThatThrownBy(() -> history.lookup(LookupQuery.builder(account).nextToken("not a token!").build()))
                .isInstanceOf(InvalidNextTokenException.class);
        assertThatThrownBy(() -> history.lookup(LookupQuery.builder(account).nextToken(issued.substring(1)).build()))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    private static LookupQuery query(String account, Key key, String value) {
        return LookupQuery.builder(account).attribute(new LookupAttribute(key, value)).build();
    }
}
