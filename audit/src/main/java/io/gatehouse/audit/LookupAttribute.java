package io.gatehouse.audit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One LookupEvents filter: the events whose {@link Key} equals {@code value} exactly.
 *
 * @param key what to compare
 * @param value the value to match, not null
 */
public record LookupAttribute(Key key, String value) {

    public LookupAttribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The attributes LookupEvents filters on, by their wire names. */
    public enum Key {
        EVENT_ID("EventId"),
        EVENT_NAME("EventName"),
        /** {@code "true"} or {@code "false"}. */
        READ_ONLY("ReadOnly"),
        USERNAME("Username"),
        RESOURCE_TYPE("ResourceType"),
        /** A resource's name as LookupEvents shows it, or its full ARN. */
        RESOURCE_NAME("ResourceName"),
        EVENT_SOURCE("EventSource"),
        ACCESS_KEY_ID("AccessKeyId");

        private final String wireName;

        Key(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the API, e.g. {@code EventName}. */
        public String wireName() {
            return wireName;
        }

        /** The key with this wire name (exact case), if there is one. */
        public static Optional<Key> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
        }
    }
}
