package io.gatehouse.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AwsException;
import java.util.regex.Pattern;

/**
 * Reading members of a JSON 1.1 request as AWS's services do: a JSON type that does not fit is
 * SerializationException; a missing required member, a length, size or pattern that does not fit
 * is ValidationException in AWS's "1 validation error detected" form, naming the member by
 * {@code path} as AWS's messages spell it. The services' own readers (Identity Store, sso-admin)
 * add their patterns and members on top.
 */
public final class JsonInput {
    private JsonInput() {}

    /** A string member, or null when absent. */
    public static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw serialization(name + " must be a string");
        }
        return value.asText();
    }

    /** A string member that must be present. */
    public static String required(JsonNode node, String name, String path) {
        String value = text(node, name);
        if (value == null) {
            throw missing(path);
        }
        return value;
    }

    /** The refusal of a required member that is absent. */
    public static AwsException missing(String path) {
        return validation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    }

    /** Checks a string's length (min..max) and, unless null, its pattern. */
    public static void check(String value, String path, int min, int max, Pattern pattern) {
        if (value.length() < min || value.length() > max) {
            throw validation("Value at '" + path + "' failed to satisfy constraint: Member must have length between "
                    + min + " and " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw validation("Value at '" + path + "' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + pattern.pattern());
        }
    }

    /** A structure member, or null when absent. */
    public static JsonNode object(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw serialization(name + " must be a structure");
        }
        return value;
    }

    /** A list member with min..max entries, or null when absent. */
    public static JsonNode list(JsonNode node, String name, String path, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw serialization(name + " must be a list");
        }
        if (value.size() < min || value.size() > max) {
            throw validation("Value at '" + path + "' failed to satisfy constraint: Member must have length between "
                    + min + " and " + max);
        }
        return value;
    }

    /** A boolean member, or null when absent. */
    public static Boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw serialization(name + " must be a boolean");
        }
        return value.booleanValue();
    }

    /** MaxResults (1-100), or the default. */
    public static int maxResults(JsonNode node, int dflt) {
        JsonNode value = node.get("MaxResults");
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isIntegralNumber()) {
            throw serialization("MaxResults must be an integer");
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > 100) {
            throw validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 1"
                    + " and 100");
        }
        return value.intValue();
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, "1 validation error detected: " + message);
    }

    public static AwsException serialization(String message) {
        return new AwsException("SerializationException", 400, message);
    }
}
