package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SCIM PATCH operations (RFC 7644 section 3.5.2) applied to a resource's JSON representation, as
 * Okta, Microsoft Entra ID and Google send them: op names in any case; with a path
 * ({@code active}, {@code name.givenName}, {@code emails[type eq "work"].value}, a schema-URN
 * prefixed path) or without one (a value object whose members, possibly paths themselves, are
 * applied one by one). A filtered path that matches nothing on add/replace creates the element
 * (what Entra expects for {@code emails[type eq "work"].value}).
 */
final class ScimPatch {
    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:user:";
    private static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:group:";

    private ScimPatch() {}

    /** A parsed path: attribute, optional value filter ({@code attr eq value} pairs), optional sub-attribute. */
    record Path(String attribute, Map<String, String> filter, String sub) {}

    /** Reads a PatchOp request's operations, refusing anything that is not one. */
    static List<JsonNode> operations(JsonNode body) {
        JsonNode ops = body.get("Operations");
        if (ops == null) {
            ops = body.get("operations");
        }
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.badRequest("invalidSyntax", "A PatchOp request needs a non-empty Operations list");
        }
        List<JsonNode> out = new ArrayList<>();
        ops.forEach(out::add);
        return out;
    }

    static String op(JsonNode operation) {
        String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw ScimException.badRequest("invalidSyntax", "op must be add, replace or remove");
        }
        return op;
    }

    static Path parse(String text) {
        String path = text.trim();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith(CORE_USER)) {
            path = path.substring(CORE_USER.length());
        } else if (lower.startsWith(CORE_GROUP)) {
            path = path.substring(CORE_GROUP.length());
        } else if (lower.startsWith("urn:")) {
            int colon = path.lastIndexOf(':');
            return new Path(path.substring(0, colon), Map.of(), path.substring(colon + 1));
        }
        int bracket = path.indexOf('[');
        if (bracket < 0) {
            int dot = path.indexOf('.');
            return dot < 0 ? new Path(path, Map.of(), null)
                    : new Path(path.substring(0, dot), Map.of(), path.substring(dot + 1));
        }
        int close = path.indexOf(']', bracket);
        if (close < 0) {
            throw ScimException.badRequest("invalidPath", "Unclosed '[' in path " + text);
        }
        String sub = close + 1 < path.length() && path.charAt(close + 1) == '.' ? path.substring(close + 2) : null;
        if (sub == null && close + 1 != path.length()) {
            throw ScimException.badRequest("invalidPath", "Unexpected text after ']' in path " + text);
        }
        return new Path(path.substring(0, bracket), valueFilter(path.substring(bracket + 1, close), text), sub);
    }

    /** A value filter of {@code attr eq "value"} terms joined by {@code and}. */
    private static Map<String, String> valueFilter(String filter, String path) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String term : filter.split("(?i)\\s+and\\s+")) {
            String[] parts = term.trim().split("\\s+", 3);
            if (parts.length != 3 || !parts[1].equalsIgnoreCase("eq")) {
                throw ScimException.badRequest("invalidFilter", "Only eq value filters are supported in path " + path);
            }
            String value = parts[2].trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            out.put(parts[0], value);
        }
        return out;
    }

    /** Applies one operation to {@code doc}. */
    static void apply(ObjectNode doc, String op, String pathText, JsonNode value) {
        if (pathText == null || pathText.isBlank()) {
            if (op.equals("remove")) {
                throw ScimException.badRequest("noTarget", "remove needs a path");
            }
            if (value == null || !value.isObject()) {
                throw ScimException.badRequest("invalidValue", "Without a path, the value must be an object");
            }
            value.fields().forEachRemaining(f -> apply(doc, op, f.getKey(), f.getValue()));
            return;
        }
        Path path = parse(pathText);
        String attribute = key(doc, path.attribute());
        if (op.equals("remove")) {
            remove(doc, attribute, path, value);
            return;
        }
        if (value == null) {
            throw ScimException.badRequest("invalidValue", op + " needs a value");
        }
        if (!path.filter().isEmpty()) {
            setFiltered(doc, attribute, path, value);
        } else if (path.sub() != null) {
            ObjectNode parent = doc.get(attribute) instanceof ObjectNode o ? o : doc.putObject(attribute);
            set(parent, key(parent, path.sub()), op, value);
        } else {
            set(doc, attribute, op, value);
        }
    }

    private static void set(ObjectNode parent, String name, String op, JsonNode value) {
        JsonNode current = parent.get(name);
        if (op.equals("add") && current instanceof ArrayNode array && value.isArray()) {
            value.forEach(array::add);
        } else if (current instanceof ObjectNode object && value.isObject()) {
            object.setAll((ObjectNode) value);
        } else {
            parent.set(name, value.deepCopy());
        }
    }

    private static void setFiltered(ObjectNode doc, String attribute, Path path, JsonNode value) {
        ArrayNode array = doc.get(attribute) instanceof ArrayNode a ? a : doc.putArray(attribute);
        boolean matched = false;
        for (JsonNode element : array) {
            if (element instanceof ObjectNode item && matches(item, path.filter())) {
                matched = true;
                if (path.sub() != null) {
                    item.set(key(item, path.sub()), value.deepCopy());
                } else if (value.isObject()) {
                    item.setAll((ObjectNode) value);
                }
            }
        }
        if (!matched) {
            ObjectNode created = array.addObject();
            path.filter().forEach(created::put);
            if (path.sub() != null) {
                created.set(path.sub(), value.deepCopy());
            } else if (value.isObject()) {
                created.setAll((ObjectNode) value);
            }
        }
    }

    private static void remove(ObjectNode doc, String attribute, Path path, JsonNode value) {
        JsonNode current = doc.get(attribute);
        if (!path.filter().isEmpty()) {
            if (current instanceof ArrayNode array) {
                for (Iterator<JsonNode> it = array.iterator(); it.hasNext();) {
                    JsonNode element = it.next();
                    if (element instanceof ObjectNode item && matches(item, path.filter())) {
                        if (path.sub() == null) {
                            it.remove();
                        } else {
                            item.remove(key(item, path.sub()));
                        }
                    }
                }
            }
        } else if (path.sub() != null) {
            if (current instanceof ObjectNode object) {
                object.remove(key(object, path.sub()));
            }
        } else if (current instanceof ArrayNode array && value != null && value.isArray()) {
            for (JsonNode gone : value) {
                array.removeIf(element -> element.path("value").asText("").equals(gone.path("value").asText()));
            }
        } else {
            doc.remove(attribute);
        }
    }

    private static boolean matches(ObjectNode item, Map<String, String> filter) {
        for (Map.Entry<String, String> term : filter.entrySet()) {
            JsonNode actual = item.get(key(item, term.getKey()));
            if (actual == null || !actual.asText().equalsIgnoreCase(term.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The member name as the object spells it (SCIM names are case-insensitive), else as given. */
    static String key(JsonNode object, String name) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return name;
    }

    /** Boolean values as Entra sends them too: {@code "True"}, {@code "False"}. */
    static Boolean bool(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
        }
        throw ScimException.badRequest("invalidValue", "Expected a boolean, got " + value);
    }
}
