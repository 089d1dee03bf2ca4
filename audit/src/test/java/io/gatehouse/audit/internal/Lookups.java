package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.internal.relay.OutboxRelay;
import io.gatehouse.audit.internal.relay.RelaySettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Helpers for LookupEvents tests on a plain database: events written as the audit log writes them,
 * a relay that seals them when the test says so, and the index rows it wrote.
 */
final class Lookups {

    static final String ACCOUNT = "111111111111";
    /** The relay's clock: long after the test events, so retention may delete them. */
    static final Clock CLOCK = Clock.fixed(Events.TIME.plus(Duration.ofDays(100)), ZoneOffset.UTC);

    private Lookups() {
    }

    /** A management event of {@code user} (key {@code AKIA<USER>}) in {@code account}. */
    static AuditEvent event(String account, String name, Instant time, boolean readOnly, String user,
            AuditEvent.Resource... resources) {
        return Events.createUser().eventID(UUID.randomUUID().toString()).recipientAccountId(account)
                .eventName(name).eventTime(time).readOnly(readOnly)
                .userIdentity(UserIdentity.builder(UserIdentity.Type.IAM_USER).userName(user).accountId(account)
                        .arn("arn:aws:iam::" + account + ":user/" + user).accessKeyId("AKIA" + user.toUpperCase())
                        .build())
                .resources(List.of(resources)).build();
    }

    /** Stores the event as {@link OutboxAuditLog} does, committed; returns it. */
    static AuditEvent record(DataSource dataSource, AuditEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            OutboxInserts.insertRow(connection, OutboxAuditLog.toRow(Redactor.redact(event)));
        }
        return event;
    }

    /** A relay without Kafka, on {@link #CLOCK}. */
    static OutboxRelay relay(DataSource dataSource) {
        return relay(dataSource, Optional.empty());
    }

    /**
     * A relay on {@link #CLOCK} that deletes published events older than 90 days: one configured for
     * Kafka (without Kafka nothing is deleted), which sealing and retention never contact.
     */
    static OutboxRelay retainingRelay(DataSource dataSource) {
        return relay(dataSource, Optional.of("127.0.0.1:9"));
    }

    private static OutboxRelay relay(DataSource dataSource, Optional<String> kafka) {
        return new OutboxRelay(dataSource, new RelaySettings(kafka, "unused", 1, (short) 1, 1,
                Duration.ofDays(90), Duration.ZERO, Duration.ofMinutes(1), 2_000, "test"),
                OutboxRelay.DigestStep.NONE, CLOCK);
    }

    /** Seals (and indexes) every committed row; returns how many. */
    static int seal(OutboxRelay relay) throws SQLException {
        if (!relay.lead()) {
            throw new IllegalStateException("the test relay should hold the lease");
        }
        return relay.seal();
    }

    static List<String> ids(OutboxEventHistory history, LookupQuery query) {
        return history.lookup(query).events().stream().map(LookupPage.Event::eventId).toList();
    }

    static LookupQuery query(String account, LookupAttribute.Key key, String value) {
        return LookupQuery.builder(account).attribute(new LookupAttribute(key, value)).build();
    }

    /** The event's {@code aud_lookup} rows as "attr=val", in key order. */
    static List<String> lookupRows(DataSource dataSource, AuditEvent event) throws SQLException {
        return strings(dataSource, "SELECT l.attr, l.val FROM aud_lookup l JOIN aud_outbox o ON o.id = l.outbox_id"
                + " WHERE o.event_id = ? ORDER BY l.attr, l.val", event.eventID());
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        return Long.parseLong(strings(dataSource, sql).get(0).split("=")[0]);
    }

    /** Each row of {@code sql} as its columns joined by "=". */
    static List<String> strings(DataSource dataSource, String sql, String... params) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            try (ResultSet result = select.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(String.join("=", row));
                }
            }
        }
        return rows;
    }
}
