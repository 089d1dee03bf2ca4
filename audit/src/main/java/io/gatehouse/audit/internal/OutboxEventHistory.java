package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.EventHistory;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link EventHistory} on the outbox: one account's management events (as CloudTrail's event
 * history), newest first by (event time, outbox id), a keyset page at a time.
 *
 * <p>LookupEvents' index, {@code aud_lookup} ({@link LookupIndex}), is built by the relay's sealer,
 * in batches, in the transaction that seals the rows, so that no API call pays for it. A lookup
 * therefore reads two parts ({@link LookupReads}): first the events not sealed yet (the outbox's
 * unsealed tail, normally well under a second of events), so a lookup right after a call still
 * sees it; then the sealed ones through the index. Reading the tail first means an event sealed
 * between the two reads is found at least once; {@link #merge} keeps it once. An EventId filter
 * reads the outbox's unique key instead. The resources listed come from each event's record.
 */
@ApplicationScoped
public class OutboxEventHistory implements EventHistory {

    private static final Comparator<LookupReads.Row> NEWEST_FIRST = Comparator
            .comparing(LookupReads.Row::eventTime).thenComparingLong(LookupReads.Row::id).reversed();

    private final DataSource dataSource;
    private final LookupReads.Scan scan;

    @Inject
    public OutboxEventHistory(DataSource dataSource) {
        this(dataSource, LookupReads.Scan.DEFAULT);
    }

    /** With other limits for the scans of filters without index rows of their own (tests). */
    OutboxEventHistory(DataSource dataSource, LookupReads.Scan scan) {
        this.dataSource = dataSource;
        this.scan = scan;
    }

    @Override
    @Transactional
    public LookupPage lookup(LookupQuery query) {
        NextTokens.Cursor cursor = query.nextToken() == null ? null : NextTokens.read(query, query.nextToken());
        Rows rows;
        try (Connection connection = dataSource.getConnection()) {
            rows = rows(connection, query, cursor, scan);
        } catch (SQLException e) {
            throw new AuditException("could not read the events of account " + query.accountId(), e);
        }
        boolean more = rows.rows().size() > query.maxResults();
        List<LookupReads.Row> page = more ? rows.rows().subList(0, query.maxResults()) : rows.rows();
        List<LookupPage.Event> events = new ArrayList<>(page.size());
        for (LookupReads.Row row : page) {
            events.add(new LookupPage.Event(row.eventId(), row.eventName(), row.readOnly(), row.accessKeyId(),
                    row.eventTime(), row.eventSource(), row.username(), resources(row.payload()), row.payload()));
        }
        NextTokens.Cursor next = null;
        if (more) {
            LookupReads.Row last = page.get(page.size() - 1);
            next = new NextTokens.Cursor(last.eventTime(), last.id());
        } else if (rows.stoppedAt() != null) {
            next = rows.stoppedAt(); // the scan's budget ran out: fewer events, and the next page goes on
        }
        return new LookupPage(events, next == null ? null : NextTokens.issue(query, next.eventTime(), next.id()));
    }

    /** A page's rows, and where the sealed part's scan stopped short (null if it did not). */
    private record Rows(List<LookupReads.Row> rows, NextTokens.Cursor stoppedAt) {
    }

    /**
     * One row more than the page, to know whether another page follows. If the scan of the sealed
     * events stopped short, only the tail's rows up to where it stopped are taken, so that the next
     * page, which starts there, misses none.
     */
    private static Rows rows(Connection connection, LookupQuery query, NextTokens.Cursor cursor,
            LookupReads.Scan scan) throws SQLException {
        int limit = query.maxResults() + 1;
        LookupAttribute attribute = query.attribute();
        if (attribute != null && attribute.key() == LookupAttribute.Key.EVENT_ID) {
            return new Rows(LookupReads.byEventId(connection, query, cursor, attribute.value()), null);
        }
        LookupIndex.Entry filter = attribute == null ? LookupIndex.EVERY_EVENT : LookupIndex.of(attribute);
        List<LookupReads.Row> tail = LookupReads.tail(connection, query, cursor, filter, limit);
        LookupReads.Sealed sealed = LookupReads.sealed(connection, query, cursor, filter, limit, scan);
        NextTokens.Cursor stoppedAt = sealed.stoppedAt();
        if (stoppedAt != null) {
            tail = tail.stream().filter(row -> !olderThan(row, stoppedAt)).toList();
        }
        return new Rows(merge(tail, sealed.rows(), limit), stoppedAt);
    }

    private static boolean olderThan(LookupReads.Row row, NextTokens.Cursor cursor) {
        int byTime = row.eventTime().compareTo(cursor.eventTime());
        return byTime < 0 || byTime == 0 && row.id() < cursor.id();
    }

    /**
     * The first {@code limit} rows of two lists each newest first, newest first, each outbox row
     * once: a row sealed between the tail's read and the index's is in both.
     */
    static List<LookupReads.Row> merge(List<LookupReads.Row> tail, List<LookupReads.Row> sealed, int limit) {
        List<LookupReads.Row> merged = new ArrayList<>(Math.min(limit, tail.size() + sealed.size()));
        Set<Long> ids = new HashSet<>();
        int t = 0;
        int s = 0;
        while (merged.size() < limit && (t < tail.size() || s < sealed.size())) {
            boolean fromTail = s == sealed.size()
                    || t < tail.size() && NEWEST_FIRST.compare(tail.get(t), sealed.get(s)) <= 0;
            LookupReads.Row next = fromTail ? tail.get(t++) : sealed.get(s++);
            if (ids.add(next.id())) {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The event's resources as LookupEvents lists them: from its record, as the index derives them. */
    private static List<LookupPage.Resource> resources(String record) {
        try {
            List<LookupPage.Resource> resources = new ArrayList<>();
            for (AuditEvent.Resource resource : EventResources.read(record)) {
                EventResources.Columns columns = EventResources.columns(resource);
                resources.add(new LookupPage.Resource(columns.type(), columns.name()));
            }
            return resources;
        } catch (IOException e) {
            return List.of(); // the record is still listed, as the sealer still indexes it
        }
    }
}
