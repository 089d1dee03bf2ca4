package io.gatehouse.identity.internal.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.EventHistory;
import io.gatehouse.audit.InvalidNextTokenException;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * LookupEvents: the caller's own account's events, newest first, allowed by
 * {@code cloudtrail:LookupEvents} on {@code *}. The answer is CloudTrail's: each event's id, name,
 * ReadOnly as the text {@code "true"}/{@code "false"}, access key, time (epoch seconds), source,
 * user name, resources and the whole record as JSON text. Read-only, and audited as such.
 */
@ApplicationScoped
public class LookupEventsAction {
    static final String ACTION = "cloudtrail:LookupEvents";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    Authorizer authorizer;
    @Inject
    EventHistory history;

    JsonReply handle(JsonCall call) {
        authorizer.require(call.caller(), call.request(), ACTION, "*", null, Map.of());
        LookupQuery query = LookupEventsInput.read(call.caller().accountId(), call.input());
        ObjectNode output = MAPPER.createObjectNode();
        ArrayNode events = output.putArray("Events");
        if (query == null) {
            return JsonReply.read(output);
        }
        LookupPage page;
        try {
            page = history.lookup(query);
        } catch (InvalidNextTokenException e) {
            throw new AwsException("InvalidNextTokenException", 400, e.getMessage());
        }
        page.events().forEach(event -> write(events.addObject(), event));
        if (page.nextToken() != null) {
            output.put("NextToken", page.nextToken());
        }
        return JsonReply.read(output);
    }

    private static void write(ObjectNode node, LookupPage.Event event) {
        node.put("EventId", event.eventId());
        node.put("EventName", event.eventName());
        node.put("ReadOnly", Boolean.toString(event.readOnly()));
        putIfPresent(node, "AccessKeyId", event.accessKeyId());
        node.put("EventTime", epochSeconds(event.eventTime()));
        node.put("EventSource", event.eventSource());
        putIfPresent(node, "Username", event.username());
        ArrayNode resources = node.putArray("Resources");
        for (LookupPage.Resource resource : event.resources()) {
            ObjectNode item = resources.addObject();
            putIfPresent(item, "ResourceType", resource.type());
            putIfPresent(item, "ResourceName", resource.name());
        }
        node.put("CloudTrailEvent", event.cloudTrailEvent());
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** JSON 1.1 timestamps: epoch seconds, with a fraction only when there is one. */
    static BigDecimal epochSeconds(Instant time) {
        BigDecimal value = BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9));
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
