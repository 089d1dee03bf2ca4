package io.gatehouse.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.UserIdentity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AuditEvent} as CloudTrail's JSON record, and back.
 *
 * <p>Field names and nesting are CloudTrail's: times as {@code 2026-11-23T08:00:00Z},
 * {@code userIdentity.sessionContext.attributes.mfaAuthenticated} and
 * {@code sessionCredentialFromConsole} as the strings {@code "true"}/{@code "false"}, resources as
 * {@code {"accountId", "type", "ARN"}}. A field the event does not have is left out, except
 * {@code requestParameters} and {@code responseElements}, which CloudTrail always writes and writes
 * as {@code null} when there are none.
 *
 * <p>The order is not CloudTrail's: {@link #write} writes the record as the hash chain's canonical
 * JSON (docs/audit.md, "Integrity"), byte for byte what {@code Chain.canonical(Chain.parse(json))}
 * gives: compact, members sorted by name (UTF-16 code units) at every depth, values as Jackson writes
 * them. The relay then hashes a stored record after one scan for where the chain fields go
 * ({@code Chain.prepareCanonical}) instead of parsing, sorting and writing it again, which cost
 * about 8% of the server's CPU in a GetCallerIdentity load test. {@link #toTree} builds the same
 * sorted tree.
 *
 * <p>{@link #parse} reads what {@link #write} wrote (and CloudTrail's own records, ignoring the
 * fields this model does not carry). Its input is our own stored record, so a record that does not
 * parse is a fault of ours: {@link AuditException}.
 */
public final class CloudTrailJson {

    /** Jackson as the hash chain reads and writes records (Chain's mapper: all defaults). */
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(new CanonicalNodes());

    private CloudTrailJson() {
    }

    /** The record as compact JSON text, in canonical form (see the class comment). */
    public static String write(AuditEvent event) {
        return new String(writeUtf8(event), StandardCharsets.UTF_8);
    }

    /** {@link #write}'s text as UTF-8 bytes, for a caller that needs its size too. */
    public static byte[] writeUtf8(AuditEvent event) {
        try {
            // Through UTF-8 bytes, as Chain.canonical writes: Jackson's UTF-8 generator writes a
            // character outside the BMP as two escaped UTF-16 surrogates, its String generator as is.
            return MAPPER.writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AuditException("could not write event " + event.eventID() + " as JSON", e);
        }
    }

    /** The record as a JSON tree whose objects keep their members sorted by name. */
    public static ObjectNode toTree(AuditEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventVersion", e.eventVersion());
        root.set("userIdentity", userIdentity(e.userIdentity()));
        root.put("eventTime", e.eventTime().toString());
        root.put("eventSource", e.eventSource());
        root.put("eventName", e.eventName());
        root.put("awsRegion", e.awsRegion());
        putIfPresent(root, "sourceIPAddress", e.sourceIPAddress());
        putIfPresent(root, "userAgent", e.userAgent());
        putIfPresent(root, "errorCode", e.errorCode());
        putIfPresent(root, "errorMessage", e.errorMessage());
        root.set("requestParameters", MAPPER.valueToTree(e.requestParameters()));
        root.set("responseElements", MAPPER.valueToTree(e.responseElements()));
        if (e.additionalEventData() != null) {
            root.set("additionalEventData", MAPPER.valueToTree(e.additionalEventData()));
        }
        putIfPresent(root, "requestID", e.requestID());
        root.put("eventID", e.eventID());
        root.put("readOnly", e.readOnly());
        if (e.resources() != null) {
            ArrayNode resources = root.putArray("resources");
            for (AuditEvent.Resource resource : e.resources()) {
                ObjectNode node = resources.addObject();
                putIfPresent(node, "accountId", resource.accountId());
                putIfPresent(node, "type", resource.type());
                putIfPresent(node, "ARN", resource.arn());
            }
        }
        root.put("eventType", e.eventType().wireName());
        root.put("managementEvent", e.managementEvent());
        root.put("recipientAccountId", e.recipientAccountId());
        root.put("eventCategory", e.eventCategory().wireName());
        if (e.sessionCredentialFromConsole() != null) {
            root.put("sessionCredentialFromConsole", e.sessionCredentialFromConsole().toString());
        }
        return root;
    }

    /**
     * The event in {@code json}.
     *
     * @throws AuditException when {@code json} is not a record this model can read
     */
    public static AuditEvent parse(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException
                | DateTimeParseException e) {
            throw new AuditException("stored audit record does not parse: " + e.getMessage(), e);
        }
    }

    private static AuditEvent fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return AuditEvent.builder()
                .eventVersion(text(root, "eventVersion"))
                .userIdentity(userIdentity(root.get("userIdentity")))
                .eventTime(instant(root, "eventTime"))
                .eventSource(text(root, "eventSource"))
                .eventName(text(root, "eventName"))
                .awsRegion(text(root, "awsRegion"))
                .sourceIPAddress(text(root, "sourceIPAddress"))
                .userAgent(text(root, "userAgent"))
                .errorCode(text(root, "errorCode"))
                .errorMessage(text(root, "errorMessage"))
                .requestParameters(object(root, "requestParameters"))
                .responseElements(object(root, "responseElements"))
                .additionalEventData(object(root, "additionalEventData"))
                .requestID(text(root, "requestID"))
                .eventID(text(root, "eventID"))
                .readOnly(flag(root, "readOnly", false))
                .resources(resources(root.get("resources")))
                .eventType(AuditEvent.EventType.fromWireName(text(root, "eventType")))
                .managementEvent(flag(root, "managementEvent", false))
                .recipientAccountId(text(root, "recipientAccountId"))
                .eventCategory(AuditEvent.Category.fromWireName(text(root, "eventCategory")))
                .sessionCredentialFromConsole(root.hasNonNull("sessionCredentialFromConsole")
                        ? flag(root, "sessionCredentialFromConsole", false) : null)
                .build();
    }

    private static ObjectNode userIdentity(UserIdentity identity) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", identity.type().wireName());
        putIfPresent(node, "principalId", identity.principalId());
        putIfPresent(node, "arn", identity.arn());
        putIfPresent(node, "accountId", identity.accountId());
        putIfPresent(node, "accessKeyId", identity.accessKeyId());
        putIfPresent(node, "userName", identity.userName());
        UserIdentity.SessionContext context = identity.sessionContext();
        if (context != null) {
            ObjectNode contextNode = node.putObject("sessionContext");
            UserIdentity.SessionIssuer issuer = context.sessionIssuer();
            if (issuer != null) {
                ObjectNode issuerNode = contextNode.putObject("sessionIssuer");
                putIfPresent(issuerNode, "type", issuer.type());
                putIfPresent(issuerNode, "principalId", issuer.principalId());
                putIfPresent(issuerNode, "arn", issuer.arn());
                putIfPresent(issuerNode, "accountId", issuer.accountId());
                putIfPresent(issuerNode, "userName", issuer.userName());
            }
            if (context.attributes() != null) {
                ObjectNode attributes = contextNode.putObject("attributes");
                attributes.put("creationDate", context.attributes().creationDate().toString());
                attributes.put("mfaAuthenticated", Boolean.toString(context.attributes().mfaAuthenticated()));
            }
            putIfPresent(contextNode, "sourceIdentity", context.sourceIdentity());
        }
        putIfPresent(node, "invokedBy", identity.invokedBy());
        putIfPresent(node, "identityProvider", identity.identityProvider());
        return node;
    }

    private static UserIdentity userIdentity(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("userIdentity is missing");
        }
        UserIdentity.SessionContext context = null;
        JsonNode contextNode = node.get("sessionContext");
        if (contextNode != null && contextNode.isObject()) {
            JsonNode issuerNode = contextNode.get("sessionIssuer");
            UserIdentity.SessionIssuer issuer = issuerNode == null || issuerNode.isEmpty() ? null
                    : new UserIdentity.SessionIssuer(text(issuerNode, "type"), text(issuerNode, "principalId"),
                            text(issuerNode, "arn"), text(issuerNode, "accountId"), text(issuerNode, "userName"));
            JsonNode attributesNode = contextNode.get("attributes");
            UserIdentity.SessionAttributes attributes = attributesNode == null || !attributesNode.isObject()
                    ? null
                    : new UserIdentity.SessionAttributes(instant(attributesNode, "creationDate"),
                            flag(attributesNode, "mfaAuthenticated", false));
            context = new UserIdentity.SessionContext(issuer, attributes, text(contextNode, "sourceIdentity"));
        }
        return UserIdentity.builder(UserIdentity.Type.fromWireName(text(node, "type")))
                .principalId(text(node, "principalId"))
                .arn(text(node, "arn"))
                .accountId(text(node, "accountId"))
                .accessKeyId(text(node, "accessKeyId"))
                .userName(text(node, "userName"))
                .sessionContext(context)
                .invokedBy(text(node, "invokedBy"))
                .identityProvider(text(node, "identityProvider"))
                .build();
    }

    private static List<AuditEvent.Resource> resources(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<AuditEvent.Resource> resources = new ArrayList<>();
        for (JsonNode item : node) {
            resources.add(new AuditEvent.Resource(text(item, "type"), text(item, "ARN"), text(item, "accountId")));
        }
        return resources;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        return value == null ? null : Instant.parse(value);
    }

    // CloudTrail writes some flags as JSON booleans (readOnly) and others as strings (mfaAuthenticated).
    private static boolean flag(JsonNode node, String name, boolean absent) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(name + " is not true or false: " + text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(name + " is not a JSON object");
        }
        return MAPPER.convertValue(value, Map.class);
    }

    /**
     * Makes the trees {@link #MAPPER} builds ({@code createObjectNode}, {@code putObject},
     * {@code valueToTree} of nested maps and lists) canonical as they are built: objects keep their
     * members in a {@link TreeMap}, whose natural order is {@link String#compareTo}, the chain's key
     * order. Values need one more step: the chain reads a stored number back as Jackson's default
     * mapper does, so a {@link BigDecimal} would not write again as it was written ({@code 1.50}
     * reads back as the double {@code 1.5}, {@code 1E+3} as {@code 1000.0}). Such a value becomes
     * here the node that reading its text back gives. The other values {@link AuditEvent} holds
     * (strings, booleans, null, {@code Long}, {@code BigInteger}, {@code Double}; it turns floats
     * into doubles) read back as they were written.
     */
    private static final class CanonicalNodes extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new TreeMap<>());
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            if (value == null) {
                return nullNode();
            }
            try {
                JsonNode reread = PLAIN.readTree(PLAIN.writeValueAsString(DecimalNode.valueOf(value)));
                return (ValueNode) reread;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the number " + value + " does not read back as JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
    }
}
