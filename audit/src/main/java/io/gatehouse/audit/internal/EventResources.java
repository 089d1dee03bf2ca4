package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.persistence.OutboxResourceEntity;

/**
 * The {@code aud_outbox_resource} values of an event's resources, one row each, written in the
 * event's transaction right after its outbox row ({@link OutboxInserts}) so LookupEvents can filter
 * by ResourceType and ResourceName. Also the one place that says what a resource's LookupEvents name
 * is.
 */
public final class EventResources {

    private EventResources() {
    }

    /** A resource's {@code aud_outbox_resource} values: type, LookupEvents name, ARN (null if too long). */
    record Columns(String type, String name, String arn) {
    }

    static Columns columns(AuditEvent.Resource resource) {
        return new Columns(fitting(resource.type(), OutboxResourceEntity.MAX_TYPE),
                fitting(nameOf(resource.arn()), OutboxResourceEntity.MAX_NAME),
                isArn(resource.arn()) ? fitting(resource.arn(), OutboxResourceEntity.MAX_ARN) : null);
    }

    /**
     * The name LookupEvents shows for a resource: the last segment of an ARN's resource part
     * ({@code arn:aws:iam::123456789012:user/dev/alice} is {@code alice}), or the identifier
     * itself when it is not an ARN (an account alias, an access key id).
     */
    public static String nameOf(String arnOrId) {
        if (!isArn(arnOrId)) {
            return arnOrId;
        }
        String resource = arnOrId.split(":", 6)[5];
        int slash = resource.lastIndexOf('/');
        return slash >= 0 && slash < resource.length() - 1 ? resource.substring(slash + 1) : resource;
    }

    /** Whether the value has an ARN's six colon-separated parts. */
    public static boolean isArn(String value) {
        return value != null && value.startsWith("arn:") && value.split(":", 6).length == 6;
    }

    /** The value if it fits its column; null otherwise (a cut value could match another resource). */
    private static String fitting(String value, int max) {
        return value == null || value.length() > max ? null : value;
    }
}
