package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.LookupAttribute;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code aud_lookup}, LookupEvents' index, holds for an event, shared by its writer (the
 * relay's sealer, which indexes management events in batches as it seals them), its reader
 * ({@link OutboxEventHistory}) and retention (which deletes an event's rows by their keys), so all
 * three agree on every code and value. One entry per attribute value of the event:
 * {@link Attr#EVERY_EVENT} always, then EventName, Username, AccessKeyId, ResourceType and
 * ResourceName where the event has a value; a null value has no entry. EventId has none:
 * {@code aud_outbox}'s unique key answers it.
 *
 * <p>Three filters have no rows of their own ({@link #scanned}): EventSource and ReadOnly, of a few
 * values each, whose rows were mostly a second copy of the every-event list, are read from the
 * every-event rows with the outbox row's column as the filter; a ResourceName given as an ARN is
 * read from the rows of the ARN's name and kept where the record has a resource with that ARN.
 * Their rows were a third of the index and a fifth of the sealer's writes (docs/benchmarks.md).
 */
public final class LookupIndex {

    /** The {@code attr} column: what {@code val} is. The codes are stored; never renumber one. */
    public enum Attr {
        /** Every event, with value {@code ""}: the lookup without a filter. */
        EVERY_EVENT(0),
        EVENT_NAME(1),
        USERNAME(2),
        ACCESS_KEY_ID(3),
        /** A filter only: no rows since migration 2026.11.24.40 (the every-event rows are read). */
        EVENT_SOURCE(4, false),
        /** A filter only ({@code "true"} or {@code "false"}): as {@link #EVENT_SOURCE}. */
        READ_ONLY(5, false),
        RESOURCE_TYPE(6),
        /** The name LookupEvents shows ({@link EventResources#nameOf}). */
        RESOURCE_NAME(7),
        /**
         * A filter only, a ResourceName given as an ARN: no rows since migration 2026.11.24.40 (the
         * rows of the ARN's name are read, then each record's resources).
         */
        RESOURCE_ARN(8, false);

        private final short code;
        private final boolean rows;

        Attr(int code) {
            this(code, true);
        }

        Attr(int code, boolean rows) {
            this.code = (short) code;
            this.rows = rows;
        }

        public short code() {
            return code;
        }

        /** Whether the index has rows of this attribute; if not, a lookup reads {@link #scanned}'s. */
        public boolean hasRows() {
            return rows;
        }
    }

    /** One {@code aud_lookup} row of an event, without the event's own columns. */
    public record Entry(Attr attr, String value) {
    }

    /** The entry of an event without a filter. */
    public static final Entry EVERY_EVENT = new Entry(Attr.EVERY_EVENT, "");

    private LookupIndex() {
    }

    /** The rows of a management event, {@link #EVERY_EVENT} first; no entry twice. */
    public static Set<Entry> entries(String eventName, String username, String accessKeyId,
            List<AuditEvent.Resource> resources) {
        Set<Entry> entries = new LinkedHashSet<>();
        entries.add(EVERY_EVENT);
        add(entries, Attr.EVENT_NAME, eventName);
        add(entries, Attr.USERNAME, username);
        add(entries, Attr.ACCESS_KEY_ID, accessKeyId);
        for (Entry entry : resourceEntries(resources)) {
            if (entry.attr().hasRows()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The resource entries an event matches: each resource's type, name and ARN as
     * {@link EventResources#columns} derives them (a value too long is left out, never cut). What a
     * resource filter is checked against where the index cannot answer it alone: the unsealed tail,
     * and a ResourceName given as an ARN.
     */
    public static Set<Entry> resourceEntries(List<AuditEvent.Resource> resources) {
        Set<Entry> entries = new LinkedHashSet<>();
        for (AuditEvent.Resource resource : resources) {
            EventResources.Columns columns = EventResources.columns(resource);
            add(entries, Attr.RESOURCE_TYPE, columns.type());
            add(entries, Attr.RESOURCE_NAME, columns.name());
            add(entries, Attr.RESOURCE_ARN, columns.arn());
        }
        return entries;
    }

    /**
     * The rows a lookup with this filter reads: the filter's own, or for a filter without rows
     * (EventSource, ReadOnly: every event's; an ARN: its name's) the rows that hold all its matches.
     */
    public static Entry scanned(Entry filter) {
        if (filter.attr().hasRows()) {
            return filter;
        }
        return filter.attr() == Attr.RESOURCE_ARN
                ? new Entry(Attr.RESOURCE_NAME, EventResources.nameOf(filter.value())) : EVERY_EVENT;
    }

    /**
     * The entry a LookupEvents filter matches: ResourceName given as an ARN is the ARN's entry;
     * ReadOnly is {@code "true"} for {@code true} in any case and {@code "false"} otherwise.
     *
     * @throws IllegalArgumentException for EventId, which the index does not hold
     */
    public static Entry of(LookupAttribute attribute) {
        String value = attribute.value();
        return switch (attribute.key()) {
            case EVENT_NAME -> new Entry(Attr.EVENT_NAME, value);
            case USERNAME -> new Entry(Attr.USERNAME, value);
            case ACCESS_KEY_ID -> new Entry(Attr.ACCESS_KEY_ID, value);
            case EVENT_SOURCE -> new Entry(Attr.EVENT_SOURCE, value);
            case READ_ONLY -> new Entry(Attr.READ_ONLY, Boolean.toString(Boolean.parseBoolean(value)));
            case RESOURCE_TYPE -> new Entry(Attr.RESOURCE_TYPE, value);
            case RESOURCE_NAME -> new Entry(EventResources.isArn(value) ? Attr.RESOURCE_ARN : Attr.RESOURCE_NAME, value);
            case EVENT_ID -> throw new IllegalArgumentException("EventId is looked up by aud_outbox's unique key");
        };
    }

    private static void add(Set<Entry> entries, Attr attr, String value) {
        if (value != null) {
            entries.add(new Entry(attr, value));
        }
    }
}
