package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.testing.MariaDbTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditLog#record(AuditEvent, Precondition)} on real MariaDB: the event is stored in the
 * caller's transaction only when the precondition holds there, judged by the row's own INSERT when
 * the precondition has a guard, by its check otherwise; when it does not hold, nothing of the
 * transaction commits.
 */
@QuarkusTest
@QuarkusTestResource(MariaDbTestResource.class)
class GuardedRecordTest {

    @Inject
    AuditLog auditLog;

    @Inject
    AgroalDataSource dataSource;

    /** Holds while the named lease row exists: any row the test can name will do. */
    private record LeaseExists(String name, AtomicInteger checks) implements Precondition {
        @Override
        public Check check() {
            return (connection, preconditions) -> {
                checks.incrementAndGet();
                throw new AssertionError("a guarded precondition must not be read on its own");
            };
        }

        @Override
        public Guard guard() {
            return new Guard() {
                @Override
                public String condition() {
                    return "EXISTS (SELECT 1 FROM aud_lease WHERE name = ?)";
                }

                @Override
                public int bind(PreparedStatement statement, int at) throws SQLException {
                    statement.setString(at, name);
                    return at + 1;
                }
            };
        }
    }

    @Test
    void aGuardThatHoldsStoresTheEventWithoutAReadOfItsOwn() throws Exception {
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        AtomicInteger checks = new AtomicInteger();

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event, new LeaseExists("relay", checks)));

        assertThat(eventNames(event.eventID())).containsExactly("CreateUser");
        assertThat(checks).hasValue(0);
    }

    @Test
    void aGuardThatDoesNotHoldStoresNothingAndRollsTheWholeTransactionBack() throws Exception {
        AuditEvent earlier = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        AuditEvent guarded = Events.createUser().eventID(UUID.randomUUID().toString()).build();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            auditLog.record(earlier);
            auditLog.record(guarded, new LeaseExists("no-such-lease", new AtomicInteger()));
        })).isInstanceOf(PreconditionFailedException.class).hasMessageContaining(guarded.eventID());

        assertThat(eventNames(guarded.eventID())).isEmpty();
        assertThat(eventNames(earlier.eventID())).as("the transaction's other changes rolled back").isEmpty();
    }

    @Test
    void aPreconditionWithoutAGuardIsCheckedOnTheTransactionsConnection() throws Exception {
        List<Boolean> autoCommit = new ArrayList<>();
        Precondition.Check check = (connection, preconditions) -> {
            autoCommit.add(connection.getAutoCommit());
            return preconditions.stream().filter(p -> p instanceof Failing).collect(java.util.stream.Collectors.toSet());
        };
        record Holding(Precondition.Check check) implements Precondition {
        }
        AuditEvent held = Events.createUser().eventID(UUID.randomUUID().toString()).build();
        AuditEvent failed = Events.createUser().eventID(UUID.randomUUID().toString()).build();

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(held, new Holding(check)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(
                () -> auditLog.record(failed, new Failing(check)))).isInstanceOf(PreconditionFailedException.class);

        assertThat(eventNames(held.eventID())).containsExactly("CreateUser");
        assertThat(eventNames(failed.eventID())).isEmpty();
        assertThat(autoCommit).containsExactly(false, false);
    }

    private record Failing(Precondition.Check check) implements Precondition {
    }

    @Test
    void aNullPreconditionAlwaysHolds() throws Exception {
        AuditEvent event = Events.createUser().eventID(UUID.randomUUID().toString()).build();

        QuarkusTransaction.requiringNew().run(() -> auditLog.record(event, null));

        assertThat(eventNames(event.eventID())).containsExactly("CreateUser");
    }

    private List<String> eventNames(String eventId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT event_name FROM aud_outbox WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
