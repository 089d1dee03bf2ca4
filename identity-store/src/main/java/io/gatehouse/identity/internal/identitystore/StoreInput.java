package io.gatehouse.identity.internal.identitystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.internal.JsonInput;
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

    static String text(JsonNode node, String name) {
        return JsonInput.text(node, name);
    }

    static String required(JsonNode node, String name, String path) {
        return JsonInput.required(node, name, path);
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

    /** Identity Store strings are never empty. */
    static void check(String value, String path, int max, Pattern pattern) {
        JsonInput.check(value, path, 1, max, pattern);
    }

    static JsonNode object(JsonNode node, String name) {
        return JsonInput.object(node, name);
    }

    static JsonNode list(JsonNode node, String name, String path, int min, int max) {
        return JsonInput.list(node, name, path, min, max);
    }

    static Boolean bool(JsonNode node, String name) {
        return JsonInput.bool(node, name);
    }

    static int maxResults(JsonNode node, int dflt) {
        return JsonInput.maxResults(node, dflt);
    }

    static AwsException validation(String message) {
        return JsonInput.validation(message);
    }

    static AwsException serialization(String message) {
        return JsonInput.serialization(message);
    }
}
