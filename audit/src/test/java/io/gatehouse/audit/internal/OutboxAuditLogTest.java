package io.gatehouse.audit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.audit.RandomEvents;
import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox on real MariaDB: events commit and roll back with the caller's transaction, one row
 * each, written on its own connection, their resources in their records (LookupEvents' index is
 * built by the relay's sealer: see {@code LookupBeforeAndAfterSealingTest}).
 */
@QuarkusTest
@QuarkusTestResource(MariaDbTestResource.class)
class OutboxAuditLogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AuditLog auditLog;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionManager transactions;

    @Inject
    EntityManager entityManager;

    @Test
    void anEventRecordedInACommittedTransactionIsInTheOutbox() throws Exception {
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).build();

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event));

        Map<String, Object> row = row(event.eventID());
        assertThat(row).containsEntry("account_id", "123456789012")
                .containsEntry("event_time", "2026-11-23 08:00:00.000000")
                .containsEntry("event_source", "iam.amazonaws.com")
                .containsEntry("event_name", "CreateUser")
                .containsEntry("username", "MySessionName")
                .containsEntry("access_key_id", "ASIAIOSFODNN7EXAMPLE")
                .containsEntry("read_only", false)
                .containsEntry("error_code", null)
                .containsEntry("seal_no", "0")
                .containsEntry("payload_canonical", true);
        assertThat((Long) row.get("id")).isPositive();
        String payload = (String) row.get("payload");
        assertThat(MAPPER.readTree(payload)).isEqualTo(CloudTrailJson.toTree(event));
        assertThat(CloudTrailJson.parse(payload)).isEqualTo(event);
    }

    /**
     * What the relay trusts when it hashes a row without parsing it: every row the audit log writes,
     * in the caller's transaction or in a shared one, holds its record as canonical JSON (still, after
     * MariaDB stored and returned it) and says so.
     */
    @Test
    void everyRowHoldsItsRecordAsCanonicalJsonAndSaysSo() throws Exception {
        List<AuditEvent> events = RandomEvents.events(24, 60).stream()
                .map(e -> e.toBuilder().eventID(UUID.randomUUID().toString()).build()).toList();
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            if (i % 2 == 0) {
                QuarkusTransaction.requiringNew().run(() -> auditLog.record(event));
            } else {
                auditLog.recordNow(event);
            }
            Map<String, Object> row = row(event.eventID());
            String payload = (String) row.get("payload");
            assertThat(row).as(payload).containsEntry("payload_canonical", true);
            assertThat(payload.getBytes(UTF_8)).as(payload).isEqualTo(Chain.canonical(Chain.parse(payload)));
        }
    }

    @Test
    void rowsKeepInsertionOrder() throws Exception {
        AuditEvent first = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        AuditEvent second = Events.startLogging().eventID(UUID.randomUUID().toString())
                .errorCode("AccessDenied").build();

        QuarkusTransaction.requiringNew().run(() -> {
            auditLog.record(first);
            auditLog.record(second);
        });

        Map<String, Object> secondRow = row(second.eventID());
        assertThat((Long) secondRow.get("id")).isGreaterThan((Long) row(first.eventID()).get("id"));
        assertThat(secondRow).containsEntry("username", "Mary_Major").containsEntry("error_code", "AccessDenied");
    }

    @Test
    void anEventRecordedInATransactionThatRollsBackIsNotThere() throws Exception {
        String user = "rolled-back-" + UUID.randomUUID();
        AuditEvent event = withTwoResources(user);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            auditLog.record(event);
            throw new IllegalStateException("the change failed after its event was recorded");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(row(event.eventID())).isNull();
    }

    @Test
    void anEventRecordedInATransactionKeepsBothResourcesInItsRecord() throws Exception {
        String user = "kept-" + UUID.randomUUID();
        AuditEvent event = withTwoResources(user);

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event));

        assertThat(resources(event.eventID())).containsExactly(
                new AuditEvent.Resource("AWS::IAM::User", "arn:aws:iam::123456789012:user/dev/" + user, "123456789012"),
                new AuditEvent.Resource("AWS::IAM::Group", "readers", "123456789012"));
    }

    /**
     * The row goes in on the connection the transaction already holds, the one Hibernate uses: its
     * queries in the same transaction see it before it is committed.
     */
    @Test
    void theRowIsWrittenOnTheTransactionsOwnConnection() throws Exception {
        AuditEvent event = withTwoResources("shared-" + UUID.randomUUID());

        long[] seen = QuarkusTransaction.requiringNew().call(() -> {
            long before = countOf("OutboxEventEntity o where o.eventId = :id", event.eventID());
            auditLog.record(event);
            long rows = countOf("OutboxEventEntity o where o.eventId = :id", event.eventID());
            return new long[] {before, rows};
        });

        assertThat(seen).containsExactly(0, 1);
    }

    @Test
    void recordingOutsideATransactionIsRefused() throws Exception {
        String user = "outside-" + UUID.randomUUID();
        AuditEvent event = withTwoResources(user);

        assertThatThrownBy(() -> auditLog.record(event))
                .isInstanceOf(AuditException.class)
                .hasMessage("audit event CreateUser recorded outside a transaction;"
                        + " AuditLog.record must run in the transaction of the change it records");

        assertThat(row(event.eventID())).isNull();
    }

    @Test
    void recordingInATransactionMarkedForRollbackIsRefused() throws Exception {
        AuditEvent event = withTwoResources("doomed-" + UUID.randomUUID());
        java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();

        // The transaction's end is a rollback, whatever record did.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                transactions.setRollbackOnly();
                auditLog.record(event);
            } catch (AuditException | jakarta.transaction.SystemException e) {
                refused.set(e);
            }
        })).hasCauseInstanceOf(jakarta.transaction.RollbackException.class);

        assertThat(refused.get()).isInstanceOf(AuditException.class)
                .hasMessage("audit event " + event.eventID() + " not stored: its transaction is marked for rollback"
                        + " or ending (status " + jakarta.transaction.Status.STATUS_MARKED_ROLLBACK + ")");
        assertThat(row(event.eventID())).isNull();
    }

    @Test
    void aFailedInsertRollsBackTheCallersTransaction() throws Exception {
        AuditEvent stored = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(stored));
        AuditEvent change = Events.createUser().eventID(UUID.randomUUID().toString()).build();

        // The caller swallows the AuditException of a duplicate event; its transaction still cannot commit.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            auditLog.record(change);
            assertThatThrownBy(() -> auditLog.record(stored)).isInstanceOf(AuditException.class)
                    .hasMessage("could not store audit event " + stored.eventID());
        })).isNotInstanceOf(AssertionError.class);

        assertThat(row(change.eventID())).isNull();
    }

    @Test
    void secretsNeverReachTheOutbox() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userName", "bob");
        request.put("password", "hunter2-never-stored");
        request.put("tags", List.of(Map.of("key", "team", "SecretAccessKey", "wJalrXUtnFEMI-never-stored")));
        AuditEvent event = Events.createUser()
                .eventName("CreateLoginProfile")
                .eventID(UUID.randomUUID().toString())
                .requestParameters(request)
                .build();

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event));

        String payload = (String) row(event.eventID()).get("payload");
        assertThat(payload).doesNotContain("never-stored");
        JsonNode parameters = MAPPER.readTree(payload).get("requestParameters");
        assertThat(parameters.get("password").asText()).isEqualTo(Redactor.PLACEHOLDER);
        assertThat(parameters.get("tags").get(0).get("SecretAccessKey").asText()).isEqualTo(Redactor.PLACEHOLDER);
        assertThat(parameters.get("userName").asText()).isEqualTo("bob");
    }

    @Test
    void eventsRecordedNowByConcurrentCallersAreAllCommittedBeforeTheCallsReturn() throws Exception {
        List<AuditEvent> events = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> Events.createUser().eventID(UUID.randomUUID().toString()).readOnly(true).build())
                .toList();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<Map<String, Object>>> seen = new java.util.ArrayList<>();
            for (AuditEvent event : events) {
                // Each caller reads its row right after recordNow returns: it must already be committed.
                seen.add(callers.submit(() -> {
                    auditLog.recordNow(event);
                    return row(event.eventID());
                }));
            }
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> row = seen.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(row).as("row of event %d", i).isNotNull().containsEntry("read_only", true)
                        .containsEntry("event_time", "2026-11-23 08:00:00.000000");
                assertThat(CloudTrailJson.parse((String) row.get("payload"))).isEqualTo(events.get(i));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anEventRecordedNowKeepsItsResourcesInItsRecord() throws Exception {
        List<AuditEvent.Resource> resources = List.of(
                new AuditEvent.Resource("AWS::IAM::User", "arn:aws:iam::123456789012:user/dev/alice", "123456789012"),
                new AuditEvent.Resource("AWS::IAM::Group", "readers", "123456789012"));
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).readOnly(true)
                .resources(resources).build();
        auditLog.recordNow(event);

        assertThat(resources(event.eventID())).isEqualTo(resources);
    }

    /** A test precondition: holds when the storing connection answers that its number is even. */
    private record Parity(int number, Precondition.Check check) implements Precondition {
    }

    @Test
    void anEventRecordedNowIsStoredOnlyWhenItsPreconditionHoldsInTheStoringTransaction() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        Precondition.Check check = (connection, preconditions) -> {
            checked.addAndGet(preconditions.size());
            assertThat(connection.getAutoCommit()).isFalse();
            java.util.Set<Precondition> failing = new java.util.HashSet<>();
            for (Precondition precondition : preconditions) {
                try (PreparedStatement select = connection.prepareStatement("SELECT MOD(?, 2)")) {
                    select.setInt(1, ((Parity) precondition).number());
                    try (ResultSet answer = select.executeQuery()) {
                        answer.next();
                        if (answer.getInt(1) != 0) {
                            failing.add(precondition);
                        }
                    }
                }
            }
            return failing;
        };
        List<AuditEvent> events = java.util.stream.IntStream.range(0, 120)
                .mapToObj(i -> Events.createUser().eventID(UUID.randomUUID().toString()).readOnly(true)
                        .resources(i % 3 == 0 ? List.of() : List.of(new AuditEvent.Resource("AWS::IAM::User",
                                "arn:aws:iam::123456789012:user/u" + i, "123456789012")))
                        .build())
                .toList();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            List<java.util.concurrent.Future<Boolean>> stored = new java.util.ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                AuditEvent event = events.get(i);
                Precondition precondition = i % 4 == 3 ? null : new Parity(i, check);
                stored.add(callers.submit(() -> {
                    try {
                        auditLog.recordNow(event, precondition);
                        return true;
                    } catch (PreconditionFailedException e) {
                        return false;
                    }
                }));
            }
            for (int i = 0; i < events.size(); i++) {
                boolean expected = i % 4 == 3 || i % 2 == 0;
                assertThat(stored.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS)).as("event %d", i)
                        .isEqualTo(expected);
                Map<String, Object> row = row(events.get(i).eventID());
                if (!expected) {
                    assertThat(row).as("row of event %d", i).isNull();
                    continue;
                }
                assertThat(row).as("row of event %d", i).isNotNull();
                assertThat(resources(events.get(i).eventID())).as("resources of event %d", i)
                        .extracting(r -> EventResources.nameOf(r.arn()))
                        .isEqualTo(i % 3 == 0 ? List.of() : List.of("u" + i));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(checked.get()).isEqualTo(90);
    }

    @Test
    void theWriterGoesOnWhenTheDatabaseDropsItsKeptConnection() throws Exception {
        long[] writerConnection = new long[1];
        Precondition.Check whoAmI = (connection, preconditions) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT CONNECTION_ID()");
                    ResultSet id = select.executeQuery()) {
                id.next();
                writerConnection[0] = id.getLong(1);
            }
            return java.util.Set.of();
        };
        AuditEvent first = Events.createUser().eventID(UUID.randomUUID().toString()).readOnly(true).build();
        auditLog.recordNow(first, new Parity(0, whoAmI));
        assertThat(writerConnection[0]).isPositive();

        // What a database restart or its idle timeout does to the connection the writer keeps.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement kill = connection.prepareStatement("KILL CONNECTION " + writerConnection[0])) {
            kill.execute();
        }

        AuditEvent next = Events.createUser().eventID(UUID.randomUUID().toString()).readOnly(true).build();
        auditLog.recordNow(next);
        assertThat(row(first.eventID())).isNotNull();
        assertThat(row(next.eventID())).isNotNull();
    }

    /** A CreateUser event whose resources are a user named {@code user} (by ARN) and a group (by name). */
    private static AuditEvent withTwoResources(String user) {
        return Events.createUser().eventID(UUID.randomUUID().toString())
                .resources(List.of(new AuditEvent.Resource("AWS::IAM::User", "arn:aws:iam::123456789012:user/dev/" + user,
                        "123456789012"), new AuditEvent.Resource("AWS::IAM::Group", "readers", "123456789012")))
                .build();
    }

    /** How many rows Hibernate, in the current transaction, finds {@code from} with {@code :id} bound. */
    private long countOf(String from, String id) {
        return entityManager.createQuery("select count(*) from " + from, Long.class).setParameter("id", id)
                .getSingleResult();
    }

    /** The resources in the stored record of the event, as the sealer reads them for the index. */
    private List<AuditEvent.Resource> resources(String eventId) throws Exception {
        return EventResources.read((String) row(eventId).get("payload"));
    }

    @Test
    void anEventThatCannotBeStoredNowFailsItsCaller() throws Exception {
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        auditLog.recordNow(event);

        // The same eventID again violates the outbox's unique key: the caller learns it was not stored.
        assertThatThrownBy(() -> auditLog.recordNow(event)).isInstanceOf(AuditException.class)
                .hasMessageContaining(event.eventID());
        // The writer goes on serving later callers.
        AuditEvent later = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        auditLog.recordNow(later);
        assertThat(row(later.eventID())).isNotNull();
    }

    /** The event's row as plain JDBC sees it (times as MariaDB prints them), or null. */
    private Map<String, Object> row(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, account_id,"
                     + " CAST(event_time AS CHAR) AS event_time, event_source, event_name, username, access_key_id,"
                     + " read_only, error_code, payload, CAST(seal_no AS CHAR) AS seal_no, payload_canonical"
                     + " FROM aud_outbox WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rows.getLong("id"));
                for (String column : new String[] {"account_id", "event_time", "event_source", "event_name",
                        "username", "access_key_id", "error_code", "payload", "seal_no"}) {
                    row.put(column, rows.getString(column));
                }
                row.put("read_only", rows.getBoolean("read_only"));
                row.put("payload_canonical", rows.getBoolean("payload_canonical"));
                return row;
            }
        }
    }
}
