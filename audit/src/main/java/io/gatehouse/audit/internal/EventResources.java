package io.gatehouse.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gatehouse.audit.AuditEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's resources as LookupEvents filters and lists them: read from its stored record
 * ({@link #read}), each one's type, name and ARN ({@link #columns}), the values {@link LookupIndex}
 * indexes and {@link OutboxEventHistory} shows. Also the one place that says what a resource's
 * LookupEvents name is.
 */
public final class EventResources {

    /** Longest resource type indexed; a longer one is left out. */
    static final int MAX_TYPE = 128;
    /**
     * Longest resource name indexed; a longer one is left out. As long as an ARN (the index's value
     * column), so that an ARN that is indexed has its name indexed: a lookup by ARN reads its name's
     * rows. (512, the old {@code aud_outbox_resource} column, until 2026.11.24.40.)
     */
    static final int MAX_NAME = 640;
    /** Longest ARN indexed; a longer one is left out. */
    static final int MAX_ARN = 640;

    private static final JsonFactory JSON = new JsonFactory();

    private EventResources() {
    }

    /** A resource's LookupEvents values: type, name, ARN; each null when absent or too long. */
    record Columns(String type, String name, String arn) {
    }

    static Columns columns(AuditEvent.Resource resource) {
        return new Columns(fitting(resource.type(), MAX_TYPE), fitting(nameOf(resource.arn()), MAX_NAME),
                isArn(resource.arn()) ? fitting(resource.arn(), MAX_ARN) : null);
    }

    /**
     * The resources of a stored record: its top-level {@code "resources"} array of
     * {@code {"accountId", "type", "ARN"}} as {@link CloudTrailJson} writes it; none when it has none.
     * A streaming read that skips everything else (the sealer reads every record it seals) and stops
     * after the array.
     *
     * @throws IOException when the record is not JSON or its resources are not such an array
     */
    public static List<AuditEvent.Resource> read(String record) throws IOException {
        try (JsonParser parser = JSON.createParser(record)) {
            expect(parser, parser.nextToken() == JsonToken.START_OBJECT, "a record");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean resources = "resources".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (resources && value != JsonToken.VALUE_NULL) {
                    return resources(parser);
                }
                parser.skipChildren();
            }
            expect(parser, parser.currentToken() == JsonToken.END_OBJECT, "the record's end");
            return List.of();
        }
    }

    private static List<AuditEvent.Resource> resources(JsonParser parser) throws IOException {
        expect(parser, parser.currentToken() == JsonToken.START_ARRAY, "the resources array");
        List<AuditEvent.Resource> resources = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String type = null;
            String arn = null;
            String accountId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                // As CloudTrailJson reads a record back: a scalar as its text, null as absent.
                String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                switch (name) {
                    case "type" -> type = text;
                    case "ARN" -> arn = text;
                    case "accountId" -> accountId = text;
                    default -> { }
                }
            }
            resources.add(new AuditEvent.Resource(type, arn, accountId));
        }
        expect(parser, parser.currentToken() == JsonToken.END_ARRAY, "a resource object");
        return resources;
    }

    private static void expect(JsonParser parser, boolean found, String what) throws JsonParseException {
        if (!found) {
            throw new JsonParseException(parser, "expected " + what + ", found " + parser.currentToken());
        }
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
