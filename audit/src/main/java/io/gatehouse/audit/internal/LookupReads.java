package io.gatehouse.audit.internal;

import io.gatehouse.audit.LookupQuery;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads behind {@link OutboxEventHistory}, each returning one account's management events newest
 * first (by event time, then outbox id), within the query's time range and after its cursor, at
 * most {@code limit}: the outbox's unsealed tail ({@link #tail}), the sealed events through
 * LookupEvents' index ({@link #sealed}), and one event by its eventID ({@link #byEventId}).
 * Portable SQL for MariaDB and H2 in MODE=MariaDB.
 */
final class LookupReads {

    /** An outbox row as LookupEvents lists it. */
    record Row(long id, String eventId, Instant eventTime, String eventSource, String eventName, String username,
            String accessKeyId, boolean readOnly, String payload) {
    }

    private static final String COLUMNS = "SELECT o.id, o.event_id, o.event_time, o.event_source, o.event_name,"
            + " o.username, o.access_key_id, o.read_only, o.payload";

    private LookupReads() {
    }

    /**
     * The events not sealed yet, which the index does not hold: the scalar filters in SQL, the
     * resource filters here, on each record's resources as the sealer would index them. The tail is
     * normally what committed in the last tens of milliseconds (the sealer runs every 50 ms).
     */
    static List<Row> tail(Connection connection, LookupQuery query, NextTokens.Cursor cursor, LookupIndex.Entry filter,
            int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" FROM aud_outbox o WHERE o.seal_no = 0"
                + " AND o.account_id = ? AND o.management_event = TRUE");
        List<Object> params = new ArrayList<>(List.of(query.accountId()));
        String column = column(filter.attr());
        if (column != null) {
            where(sql, params, column, filter);
        }
        range(sql, params, query, cursor, "o.event_time", "o.id");
        sql.append(" ORDER BY o.event_time DESC, o.id DESC");
        boolean byResource = column == null && filter.attr() != LookupIndex.Attr.EVERY_EVENT;
        if (!byResource) {
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, sql, params); ResultSet result = select.executeQuery()) {
            while (rows.size() < limit && result.next()) {
                Row row = row(result);
                if (!byResource || hasResource(row, filter)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * A page's sealed events, at most {@code limit}, newest first; and where the scan stopped if it
     * read its {@link Scan#budget} of index rows before it found {@code limit} events or reached the end
     * (null otherwise): the page ends there and the next one goes on from there.
     */
    record Sealed(List<Row> rows, NextTokens.Cursor stoppedAt) {
    }

    /**
     * How a filter without rows of its own (EventSource, ReadOnly, an ARN) reads the index: a
     * window of rows at a time, and at most {@code budget} rows a page, so that a rare value's
     * lookup is bounded work per call. CloudTrail's LookupEvents may likewise answer fewer events
     * than asked for, with a next token.
     */
    record Scan(int window, int budget) {
        /** 10,000 index rows a page at most (docs/benchmarks.md: what a page costs). */
        static final Scan DEFAULT = new Scan(1_000, 10_000);
    }

    /**
     * The sealed events through {@code aud_lookup}: the rows {@link LookupIndex#scanned} reads for
     * the filter, in the index's key order, joined to their outbox rows. EventSource and ReadOnly,
     * which have no rows, filter the every-event rows on the outbox row's column; an ARN, the rows
     * of its name on each record's resources. Those two read as {@code scan} says.
     */
    static Sealed sealed(Connection connection, LookupQuery query, NextTokens.Cursor cursor,
            LookupIndex.Entry filter, int limit, Scan scan) throws SQLException {
        LookupIndex.Entry scanned = LookupIndex.scanned(filter);
        if (scanned.equals(filter)) {
            return new Sealed(sealedRows(connection, query, cursor, null, scanned, null, limit), null);
        }
        boolean byArn = filter.attr() == LookupIndex.Attr.RESOURCE_ARN;
        List<Row> rows = new ArrayList<>();
        NextTokens.Cursor after = cursor;
        for (int read = 0; read < scan.budget(); read += scan.window()) {
            NextTokens.Cursor end = windowEnd(connection, query, after, scanned, scan.window());
            // An ARN is checked here, on each record's resources, so its window is read whole.
            for (Row row : sealedRows(connection, query, after, end, scanned, byArn ? null : filter,
                    byArn ? scan.window() : limit - rows.size())) {
                if (!byArn || hasResource(row, filter)) {
                    rows.add(row);
                    if (rows.size() == limit) {
                        return new Sealed(rows, null);
                    }
                }
            }
            if (end == null) {
                return new Sealed(rows, null);
            }
            after = end;
        }
        return new Sealed(rows, after);
    }

    /**
     * The key of the {@code window}-th index row of {@code scanned} after the cursor (an index-only
     * read); null if fewer are left.
     */
    private static NextTokens.Cursor windowEnd(Connection connection, LookupQuery query, NextTokens.Cursor after,
            LookupIndex.Entry scanned, int window) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT l.event_time, l.outbox_id FROM aud_lookup l"
                + " WHERE l.account_id = ? AND l.attr = ? AND l.val = ?");
        List<Object> params = new ArrayList<>(List.of(query.accountId(), scanned.attr().code(), scanned.value()));
        range(sql, params, query, after, "l.event_time", "l.outbox_id");
        sql.append(" ORDER BY l.event_time DESC, l.outbox_id DESC LIMIT 1 OFFSET ?");
        params.add(window - 1);
        try (PreparedStatement select = prepare(connection, sql, params); ResultSet result = select.executeQuery()) {
            return result.next() ? new NextTokens.Cursor(
                    result.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC), result.getLong(2)) : null;
        }
    }

    /**
     * The rows of {@code scanned} after the cursor, down to {@code end} (inclusive; null: no bound),
     * joined to their outbox rows and kept where the outbox column of {@code columnFilter} (if any)
     * holds its value; at most {@code limit}.
     */
    private static List<Row> sealedRows(Connection connection, LookupQuery query, NextTokens.Cursor cursor,
            NextTokens.Cursor end, LookupIndex.Entry scanned, LookupIndex.Entry columnFilter, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" FROM aud_lookup l JOIN aud_outbox o ON o.id = l.outbox_id"
                + " WHERE l.account_id = ? AND l.attr = ? AND l.val = ?");
        List<Object> params = new ArrayList<>(List.of(query.accountId(), scanned.attr().code(), scanned.value()));
        if (columnFilter != null) {
            where(sql, params, column(columnFilter.attr()), columnFilter);
        }
        range(sql, params, query, cursor, "l.event_time", "l.outbox_id");
        if (end != null) {
            sql.append(" AND (l.event_time > ? OR (l.event_time = ? AND l.outbox_id >= ?))");
            params.add(utc(end.eventTime()));
            params.add(utc(end.eventTime()));
            params.add(end.id());
        }
        sql.append(" ORDER BY l.event_time DESC, l.outbox_id DESC LIMIT ?");
        params.add(limit);
        return rows(connection, sql, params);
    }

    /** The outbox column that holds the filter's attribute; null for the resources and every event. */
    private static String column(LookupIndex.Attr attr) {
        return switch (attr) {
            case EVENT_NAME -> "o.event_name";
            case USERNAME -> "o.username";
            case ACCESS_KEY_ID -> "o.access_key_id";
            case EVENT_SOURCE -> "o.event_source";
            case READ_ONLY -> "o.read_only";
            case EVERY_EVENT, RESOURCE_TYPE, RESOURCE_NAME, RESOURCE_ARN -> null;
        };
    }

    private static void where(StringBuilder sql, List<Object> params, String column, LookupIndex.Entry filter) {
        sql.append(" AND ").append(column).append(" = ?");
        params.add(filter.attr() == LookupIndex.Attr.READ_ONLY ? Boolean.valueOf(filter.value()) : filter.value());
    }

    /** The management event with this eventID, sealed or not, if it is the account's and in range. */
    static List<Row> byEventId(Connection connection, LookupQuery query, NextTokens.Cursor cursor, String eventId)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" FROM aud_outbox o WHERE o.event_id = ?"
                + " AND o.account_id = ? AND o.management_event = TRUE");
        List<Object> params = new ArrayList<>(List.of(eventId, query.accountId()));
        range(sql, params, query, cursor, "o.event_time", "o.id");
        return rows(connection, sql, params);
    }

    /** Appends the time range (inclusive) and the cursor (strictly older) on the given columns. */
    private static void range(StringBuilder sql, List<Object> params, LookupQuery query, NextTokens.Cursor cursor,
            String time, String id) {
        if (query.startTime() != null) {
            sql.append(" AND ").append(time).append(" >= ?");
            params.add(utc(query.startTime()));
        }
        if (query.endTime() != null) {
            sql.append(" AND ").append(time).append(" <= ?");
            params.add(utc(query.endTime()));
        }
        if (cursor != null) {
            sql.append(" AND (").append(time).append(" < ? OR (").append(time).append(" = ? AND ").append(id)
                    .append(" < ?))");
            params.add(utc(cursor.eventTime()));
            params.add(utc(cursor.eventTime()));
            params.add(cursor.id());
        }
    }

    /** Whether one of the row's resources has the filter's entry (as the sealer would index it). */
    private static boolean hasResource(Row row, LookupIndex.Entry filter) {
        try {
            return LookupIndex.resourceEntries(EventResources.read(row.payload())).contains(filter);
        } catch (IOException e) {
            return false; // the sealer indexes no resources of such a record either
        }
    }

    private static List<Row> rows(Connection connection, CharSequence sql, List<Object> params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, sql, params); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(row(result));
            }
        }
        return rows;
    }

    private static PreparedStatement prepare(Connection connection, CharSequence sql, List<Object> params)
            throws SQLException {
        PreparedStatement select = connection.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            return select;
        } catch (SQLException | RuntimeException e) {
            select.close();
            throw e;
        }
    }

    private static Row row(ResultSet result) throws SQLException {
        return new Row(result.getLong(1), result.getString(2),
                result.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC), result.getString(4),
                result.getString(5), result.getString(6), result.getString(7), result.getBoolean(8),
                result.getString(9));
    }

    /** DATETIME(6) holds UTC: the wall-clock time in UTC, whatever the JVM's zone. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
