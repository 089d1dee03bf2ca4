package io.gatehouse.audit.internal;

import static io.gatehouse.audit.internal.Lookups.ACCOUNT;
import static io.gatehouse.audit.internal.Lookups.count;
import static io.gatehouse.audit.internal.Lookups.event;
import static io.gatehouse.audit.internal.Lookups.ids;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LookupEvents finds an event the same way before the relay has sealed it (in the outbox's unsealed
 * tail) and after (through {@code aud_lookup}, which the sealer writes as it seals), on H2 and on
 * MariaDB; an event sealed between the two reads is listed once; pages cover every event once while
 * events move from the tail to the index.
 */
class LookupBeforeAndAfterSealingTest {

    private static final AuditEvent.Resource BOB = new AuditEvent.Resource("AWS::IAM::User",
            "arn:aws:iam::" + ACCOUNT + ":user/team/bob", ACCOUNT);
    private static final AuditEvent.Resource READERS = new AuditEvent.Resource("AWS::IAM::Group", "readers", ACCOUNT);
    private static final AuditEvent.Resource APP = new AuditEvent.Resource("AWS::IAM::Role",
            "arn:aws:iam::" + ACCOUNT + ":role/app", ACCOUNT);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyAttributeFindsTheEventBeforeAndAfterSealing(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            AuditEvent create = record(dataSource, event(ACCOUNT, "CreateUser", Events.TIME, false, "alice",
                    BOB, READERS));
            AuditEvent read = record(dataSource, event(ACCOUNT, "GetRole", Events.TIME.plusSeconds(1), true,
                    "carol", APP));
            record(dataSource, event("222222222222", "CreateUser", Events.TIME, false, "alice", BOB, READERS));

            assertThat(count(dataSource, "SELECT COUNT(*) FROM aud_lookup")).as("nothing indexed yet").isZero();
            assertEveryAttributeFinds(history, create, read);

            assertThat(seal(Lookups.relay(dataSource))).isEqualTo(3);
            assertThat(count(dataSource, "SELECT COUNT(*) FROM aud_outbox WHERE seal_no = 0")).as("no tail").isZero();
            assertThat(Lookups.lookupRows(dataSource, create)).containsExactly("0=", "1=CreateUser", "2=alice",
                    "3=AKIAALICE", "6=AWS::IAM::Group", "6=AWS::IAM::User", "7=bob", "7=readers");
            assertEveryAttributeFinds(history, create, read);
        }
    }

    private static void assertEveryAttributeFinds(OutboxEventHistory history, AuditEvent create, AuditEvent read) {
        String c = create.eventID();
        String r = read.eventID();
        assertThat(ids(history, LookupQuery.builder(ACCOUNT).build())).containsExactly(r, c);
        assertThat(ids(history, query(ACCOUNT, Key.EVENT_ID, c))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.EVENT_NAME, "GetRole"))).containsExactly(r);
        assertThat(ids(history, query(ACCOUNT, Key.READ_ONLY, "true"))).containsExactly(r);
        assertThat(ids(history, query(ACCOUNT, Key.READ_ONLY, "false"))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.USERNAME, "carol"))).containsExactly(r);
        assertThat(ids(history, query(ACCOUNT, Key.ACCESS_KEY_ID, "AKIAALICE"))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.EVENT_SOURCE, "iam.amazonaws.com"))).containsExactly(r, c);
        assertThat(ids(history, query(ACCOUNT, Key.EVENT_SOURCE, "sts.amazonaws.com"))).isEmpty();
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_TYPE, "AWS::IAM::Role"))).containsExactly(r);
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_TYPE, "AWS::IAM::Group"))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "bob"))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "readers"))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, BOB.arn()))).containsExactly(c);
        assertThat(ids(history, query(ACCOUNT, Key.RESOURCE_NAME, "team/bob"))).isEmpty();
        LookupPage.Event shown = history.lookup(query(ACCOUNT, Key.EVENT_ID, c)).events().get(0);
        assertThat(shown.resources()).containsExactly(new LookupPage.Resource("AWS::IAM::User", "bob"),
                new LookupPage.Resource("AWS::IAM::Group", "readers"));
        assertThat(shown.username()).isEqualTo("alice");
        assertThat(shown.eventTime()).isEqualTo(Events.TIME);
    }

    /**
     * The race the read order is for: the events are in the tail when it is read, and sealed and
     * indexed before the index is read. Each is listed once (and none is lost).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anEventSealedBetweenTheTwoReadsIsListedOnce(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            OutboxEventHistory history = new OutboxEventHistory(
                    sealingBeforeTheIndexIsRead(dataSource, Lookups.relay(dataSource)));
            // Without a filter (the tail's LIMIT in SQL), and with a resource filter (the tail filtered here).
            int n = 0;
            for (Function<String, LookupQuery> query : List.<Function<String, LookupQuery>>of(
                    account -> LookupQuery.builder(account).build(),
                    account -> query(account, Key.RESOURCE_NAME, "bob"))) {
                String account = String.format("%012d", ++n);
                List<String> recorded = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    recorded.add(0, record(dataSource, event(account, "E" + i, Events.TIME.plusSeconds(i), true, "u",
                            BOB)).eventID());
                }

                assertThat(ids(history, query.apply(account))).containsExactlyElementsOf(recorded);
                assertThat(count(dataSource, "SELECT COUNT(*) FROM aud_outbox WHERE seal_no = 0"))
                        .as("sealed between the reads").isZero();
            }
        }
    }

    /** The data source, but each connection seals whatever is unsealed just before it reads {@code aud_lookup}. */
    private static DataSource sealingBeforeTheIndexIsRead(DataSource dataSource, OutboxRelay relay) {
        return proxy(DataSource.class, (method, args) -> {
            Object result = call(method, dataSource, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return proxy(Connection.class, (m, a) -> {
                if (m.getName().equals("prepareStatement") && a[0].toString().contains("aud_lookup")) {
                    seal(relay);
                }
                return call(m, connection, a);
            });
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pagesListEveryEventOnceWhileEventsMoveFromTheTailToTheIndex(TestDatabase kind) throws Exception {
        try (TestDatabase.Open database = kind.open()) {
            database.migrate();
            DataSource dataSource = database.dataSource();
            OutboxEventHistory history = new OutboxEventHistory(dataSource);
            OutboxRelay relay = Lookups.relay(dataSource);
            List<Function<String, LookupQuery.Builder>> queries = List.of(
                    account -> LookupQuery.builder(account),
                    account -> LookupQuery.builder(account)
                            .attribute(new LookupAttribute(Key.EVENT_SOURCE, "iam.amazonaws.com")),
                    account -> LookupQuery.builder(account).attribute(new LookupAttribute(Key.RESOURCE_NAME, "bob")));
            int n = 0;
            for (Function<String, LookupQuery.Builder> query : queries) {
                String account = String.format("%012d", ++n);
                List<Recorded> recorded = new ArrayList<>();
                // Sealed ones, then a tail in the same seconds: pairs share a second, old and new rows interleave.
                for (int i = 0; i < 6; i++) {
                    recorded.add(new Recorded(record(dataSource, event(account, "S" + i,
                            Events.TIME.plusSeconds(i / 2), true, "u", BOB)), recorded.size()));
                }
                seal(relay);
                for (int i = 0; i < 5; i++) {
                    recorded.add(new Recorded(record(dataSource, event(account, "T" + i,
                            Events.TIME.plusSeconds(i / 2), true, "u", BOB)), recorded.size()));
                }
                List<String> expected = recorded.stream().sorted(Recorded.NEWEST_FIRST)
                        .map(e -> e.event().eventID()).toList();

                List<String> seen = new ArrayList<>();
                LookupPage page = history.lookup(query.apply(account).maxResults(3).build());
                seen.addAll(page.events().stream().map(LookupPage.Event::eventId).toList());
                seal(relay); // the rest of the tail moves to the index between pages
                while (page.nextToken() != null) {
                    page = history.lookup(query.apply(account).maxResults(3).nextToken(page.nextToken()).build());
                    seen.addAll(page.events().stream().map(LookupPage.Event::eventId).toList());
                }
                assertThat(seen).as("query %d", n).containsExactlyElementsOf(expected);
            }
        }
    }

    /** An event and the order it was recorded in (its outbox id's order). */
    private record Recorded(AuditEvent event, int order) {
        static final Comparator<Recorded> NEWEST_FIRST = Comparator.comparing((Recorded r) -> r.event().eventTime())
                .thenComparingInt(Recorded::order).reversed();
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.handle(method, args)));
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
