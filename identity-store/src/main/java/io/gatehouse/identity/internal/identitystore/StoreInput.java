package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AwsException;
import java.util.regex.Pattern;

/**
 * Reading and checking Identity Store requests as its service model says: a JSON type that does
 * not fit is SerializationException; a missing required member, a length or a pattern that does
 * not fit is ValidationException in AWS's "1 validation error detected" form.
 */
final class StoreInput {
    static final Pattern IDENTITY_STORE_ID = Pattern.compile(
            "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern RESOURCE_ID = Pattern.compile(
            "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    static final Pattern SENSITIVE = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0\\u3000]+");
    static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+");
    static final Pattern USER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern ATTRIBUTE_PATH = Pattern.compile("\\p{L}+(?:\\.\\p{L}+){0,2}");
    static final Pattern EXTERNAL_ISSUER = Pattern.compile(
            "(?!(?i)(arn|aws):)[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+");
    static final Pattern NEXT_TOKEN = Pattern.compile("[-a-zA-Z0-9+=/:_]*");

    private StoreInput() {}

    /** A string member, or null when absent. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw serialization(name + " must be a string");
        }
        return value.asText();
    }

    static String required(JsonNode node, String name, String path) {
        String value = text(node, name);
        if (value == null) {
            throw validation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** A string member checked for length and pattern, or null when absent. */
    static String checked(JsonNode node, String name, String path, int max, Pattern pattern) {
        String value = text(node, name);
        if (value != null) {
            check(value, path, max, pattern);
        }
        return value;
    }

    static String requiredChecked(JsonNode node, String name, String path, int max, Pattern pattern) {
        String value = required(node, name, path);
        check(value, path, max, pattern);
        return value;
    }

    static void check(String value, String path, int max, Pattern pattern) {
        if (value.isEmpty() || value.length() > max) {
            throw validation("Value at '" + path + "' failed to satisfy constraint: Member must have length between 1"
                    + " and " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw validation("Value at '" + path + "' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + pattern.pattern());
        }
    }

    /** A structure member, or null when absent. */
    static JsonNode object(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw serialization(name + " must be a structure");
        }
        return value;
    }

    /** A list member, or null when absent. */
    static JsonNode list(JsonNode node, String name, String path, int min, int max) {
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

    static Boolean bool(JsonNode node, String name) {
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
    static int maxResults(JsonNode node, int dflt) {
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

    static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, "1 validation error detected: " + message);
    }

    static AwsException serialization(String message) {
        return new AwsException("SerializationException", 400, message);
    }
}
