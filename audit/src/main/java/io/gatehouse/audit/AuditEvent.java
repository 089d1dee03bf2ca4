package io.gatehouse.audit;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One CloudTrail record (event version {@value #EVENT_VERSION}): who called which API, when, from
 * where, with what parameters, and how it ended. Immutable; build one with {@link #builder()}.
 *
 * <p>Required: {@code userIdentity}, {@code eventTime}, {@code eventSource},
 * {@code eventName}, {@code awsRegion} and {@code recipientAccountId} (12 digits). Defaults:
 * {@code eventVersion} {@value #EVENT_VERSION}, a random {@code eventID}, {@code eventType}
 * {@code AwsApiCall}, {@code eventCategory} {@code Management}, {@code managementEvent} true,
 * {@code readOnly} false. Every other field is null when absent. {@code eventTime} is held to the
 * second, as CloudTrail writes it.
 *
 * <p>{@code requestParameters}, {@code responseElements} and {@code additionalEventData} are JSON
 * objects as unmodifiable maps. Values may be strings, booleans, numbers, null, maps with string
 * keys, collections or arrays of these; an {@link Instant} becomes its ISO-8601 text and an enum its
 * name. Whole numbers are held as {@link Long} and fractional ones as {@link Double} (other
 * {@link java.math.BigDecimal}/{@link BigInteger} values as given), so an event read back from its
 * JSON equals the one written. Anything else is refused with {@link IllegalArgumentException}.
 */
public record AuditEvent(
        String eventVersion,
        UserIdentity userIdentity,
        Instant eventTime,
        String eventSource,
        String eventName,
        String awsRegion,
        String sourceIPAddress,
        String userAgent,
        String errorCode,
        String errorMessage,
        Map<String, Object> requestParameters,
        Map<String, Object> responseElements,
        Map<String, Object> additionalEventData,
        String requestID,
        String eventID,
        boolean readOnly,
        List<Resource> resources,
        EventType eventType,
        boolean managementEvent,
        String recipientAccountId,
        Category eventCategory,
        Boolean sessionCredentialFromConsole) {

    /** The CloudTrail record format this model writes. */
    public static final String EVENT_VERSION = "1.10";

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public AuditEvent {
        Objects.requireNonNull(eventVersion, "eventVersion");
        Objects.requireNonNull(userIdentity, "userIdentity");
        eventTime = Objects.requireNonNull(eventTime, "eventTime").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(eventID, "eventID");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(recipientAccountId, "recipientAccountId");
        Objects.requireNonNull(eventCategory, "eventCategory");
        if (!ACCOUNT_ID.matcher(recipientAccountId).matches()) {
            throw new IllegalArgumentException("recipientAccountId is not 12 digits: " + recipientAccountId);
        }
        if (eventID.length() != 36 || !UUID.fromString(eventID).toString().equalsIgnoreCase(eventID)) {
            throw new IllegalArgumentException("eventID is not a UUID: " + eventID);
        }
        requestParameters = freezeObject(requestParameters, "requestParameters");
        responseElements = freezeObject(responseElements, "responseElements");
        additionalEventData = freezeObject(additionalEventData, "additionalEventData");
        resources = resources == null ? null : List.copyOf(resources);
    }

    /** A builder with the defaults listed above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this event's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A resource the call touched: an element of CloudTrail's {@code resources} list.
     *
     * @param type the resource type, e.g. {@code AWS::IAM::Role}
     * @param arn the resource's ARN (written as {@code ARN})
     * @param accountId the account that owns the resource
     */
    public record Resource(String type, String arn, String accountId) {
    }

    /** {@code eventType}: what kind of activity the record describes. */
    public enum EventType {
        AWS_API_CALL("AwsApiCall"),
        AWS_SERVICE_EVENT("AwsServiceEvent"),
        AWS_CONSOLE_ACTION("AwsConsoleAction"),
        AWS_CONSOLE_SIGN_IN("AwsConsoleSignIn");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** @throws IllegalArgumentException when no event type has that name */
        public static EventType fromWireName(String wireName) {
            for (EventType type : values()) {
                if (type.wireName.equals(wireName)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown eventType: " + wireName);
        }
    }

    /** {@code eventCategory}. */
    public enum Category {
        MANAGEMENT("Management"),
        DATA("Data");

        private final String wireName;

        Category(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** @throws IllegalArgumentException when no category has that name */
        public static Category fromWireName(String wireName) {
            for (Category category : values()) {
                if (category.wireName.equals(wireName)) {
                    return category;
                }
            }
            throw new IllegalArgumentException("unknown eventCategory: " + wireName);
        }
    }

    // A deep, unmodifiable copy with normalized numbers: see the class comment.
    private static Map<String, Object> freezeObject(Map<?, ?> map, String field) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(field + " has a key that is not a string: " + entry.getKey());
            }
            copy.put(key, freezeValue(entry.getValue(), field));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object freezeValue(Object value, String field) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number) {
            return value; // BigDecimal, and BigInteger beyond long
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Map<?, ?> map) {
            return freezeObject(map, field);
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            Collection<?> items = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) {
                copy.add(freezeValue(item, field));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(field + " holds a " + value.getClass().getName()
                + ", which is not a JSON value");
    }

    /** Builds an {@link AuditEvent}; see the class comment for what is required. */
    public static final class Builder {

        private String eventVersion = EVENT_VERSION;
        private UserIdentity userIdentity;
        private Instant eventTime;
        private String eventSource;
        private String eventName;
        private String awsRegion;
        private String sourceIPAddress;
        private String userAgent;
        private String errorCode;
        private String errorMessage;
        private Map<String, ?> requestParameters;
        private Map<String, ?> responseElements;
        private Map<String, ?> additionalEventData;
        private String requestID;
        private String eventID;
        private boolean readOnly;
        private List<Resource> resources;
        private EventType eventType = EventType.AWS_API_CALL;
        private boolean managementEvent = true;
        private String recipientAccountId;
        private Category eventCategory = Category.MANAGEMENT;
        private Boolean sessionCredentialFromConsole;

        private Builder() {
        }

        private Builder(AuditEvent e) {
            eventVersion = e.eventVersion;
            userIdentity = e.userIdentity;
            eventTime = e.eventTime;
            eventSource = e.eventSource;
            eventName = e.eventName;
            awsRegion = e.awsRegion;
            sourceIPAddress = e.sourceIPAddress;
            userAgent = e.userAgent;
            errorCode = e.errorCode;
            errorMessage = e.errorMessage;
            requestParameters = e.requestParameters;
            responseElements = e.responseElements;
            additionalEventData = e.additionalEventData;
            requestID = e.requestID;
            eventID = e.eventID;
            readOnly = e.readOnly;
            resources = e.resources;
            eventType = e.eventType;
            managementEvent = e.managementEvent;
            recipientAccountId = e.recipientAccountId;
            eventCategory = e.eventCategory;
            sessionCredentialFromConsole = e.sessionCredentialFromConsole;
        }

        public Builder eventVersion(String eventVersion) {
            this.eventVersion = eventVersion;
            return this;
        }

        public Builder userIdentity(UserIdentity userIdentity) {
            this.userIdentity = userIdentity;
            return this;
        }

        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder eventSource(String eventSource) {
            this.eventSource = eventSource;
            return this;
        }

        public Builder eventName(String eventName) {
            this.eventName = eventName;
            return this;
        }

        public Builder awsRegion(String awsRegion) {
            this.awsRegion = awsRegion;
            return this;
        }

        public Builder sourceIPAddress(String sourceIPAddress) {
            this.sourceIPAddress = sourceIPAddress;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder requestParameters(Map<String, ?> requestParameters) {
            this.requestParameters = requestParameters;
            return this;
        }

        public Builder responseElements(Map<String, ?> responseElements) {
            this.responseElements = responseElements;
            return this;
        }

        public Builder additionalEventData(Map<String, ?> additionalEventData) {
            this.additionalEventData = additionalEventData;
            return this;
        }

        public Builder requestID(String requestID) {
            this.requestID = requestID;
            return this;
        }

        /** A UUID in its 36-character form; a random one is generated when unset. */
        public Builder eventID(String eventID) {
            this.eventID = eventID;
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder resources(List<Resource> resources) {
            this.resources = resources;
            return this;
        }

        public Builder eventType(EventType eventType) {
            this.eventType = eventType;
            return this;
        }

        public Builder managementEvent(boolean managementEvent) {
            this.managementEvent = managementEvent;
            return this;
        }

        public Builder recipientAccountId(String recipientAccountId) {
            this.recipientAccountId = recipientAccountId;
            return this;
        }

        public Builder eventCategory(Category eventCategory) {
            this.eventCategory = eventCategory;
            return this;
        }

        public Builder sessionCredentialFromConsole(Boolean sessionCredentialFromConsole) {
            this.sessionCredentialFromConsole = sessionCredentialFromConsole;
            return this;
        }

        /**
         * The event.
         *
         * @throws NullPointerException when a required field is unset
         * @throws IllegalArgumentException when a field is malformed (see the class comment)
         */
        @SuppressWarnings("unchecked")
        public AuditEvent build() {
            return new AuditEvent(eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion,
                    sourceIPAddress, userAgent, errorCode, errorMessage, (Map<String, Object>) requestParameters,
                    (Map<String, Object>) responseElements, (Map<String, Object>) additionalEventData, requestID,
                    eventID != null ? eventID : newEventId(), readOnly, resources, eventType,
                    managementEvent, recipientAccountId, eventCategory, sessionCredentialFromConsole);
        }
    }

    /**
     * A new eventID: a time-ordered UUID (version 7, RFC 9562): the current Unix time in milliseconds
     * in its first 48 bits, then 74 bits of {@link UUID#randomUUID}'s secure randomness. Still a UUID
     * as CloudTrail's eventID is, and unguessable; but ordered by time, so that the outbox's unique
     * key on it takes each new event at its end, where a random UUID put it on a random page of an
     * ever larger index, a page to read and to write back per event (docs/benchmarks.md).
     */
    static String newEventId() {
        return timeOrdered(System.currentTimeMillis(), UUID.randomUUID()).toString();
    }

    /** {@code random} with {@code millis} in its first 48 bits and version 7; its variant kept. */
    static UUID timeOrdered(long millis, UUID random) {
        long high = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
