package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.internal.JsonInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading and checking sso-admin requests as the service model (sso-admin 2020-07-20) says: a
 * JSON type that does not fit is SerializationException; a missing required member, a length,
 * pattern or enum value that does not fit is ValidationException in AWS's "1 validation error
 * detected" form.
 */
final class SsoInput {
    static final Pattern INSTANCE_ARN = Pattern.compile(
            "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}");
    static final Pattern PERMISSION_SET_ARN = Pattern.compile(
            "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}"
                    + "/ps-[a-zA-Z0-9-./]{16}");
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern PRINCIPAL_ID = Pattern.compile(
            "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    static final Pattern DURATION = Pattern.compile(
            "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");
    static final Pattern RELAY_STATE = Pattern.compile("[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] ()\\{\\}]+");
    static final Pattern POLICY = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    static final Pattern REQUEST_ID = Pattern.compile(
            "\\b[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}\\b");
    static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final Pattern NEXT_TOKEN = Pattern.compile("[-a-zA-Z0-9+=/_]*");

    private SsoInput() {}

    static String text(JsonNode node, String name) {
        return JsonInput.text(node, name);
    }

    static String required(JsonNode node, String name) {
        return JsonInput.required(node, name, path(name));
    }

    /** A string member checked for length and pattern, or null when absent. */
    static String checked(JsonNode node, String name, int min, int max, Pattern pattern) {
        String value = text(node, name);
        if (value != null) {
            check(value, path(name), min, max, pattern);
        }
        return value;
    }

    static String requiredChecked(JsonNode node, String name, int min, int max, Pattern pattern) {
        String value = required(node, name);
        check(value, path(name), min, max, pattern);
        return value;
    }

    static void check(String value, String path, int min, int max, Pattern pattern) {
        JsonInput.check(value, path, min, max, pattern);
    }

    /** An enum member (required when {@code required}), one of {@code values}. */
    static String enumeration(JsonNode node, String name, Set<String> values, boolean required) {
        String value = required ? required(node, name) : text(node, name);
        if (value != null && !values.contains(value)) {
            throw validation("Value '" + value + "' at '" + path(name) + "' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: " + values.stream().sorted().toList());
        }
        return value;
    }

    static JsonNode object(JsonNode node, String name) {
        return JsonInput.object(node, name);
    }

    static JsonNode requiredObject(JsonNode node, String name) {
        JsonNode value = object(node, name);
        if (value == null) {
            throw JsonInput.missing(path(name));
        }
        return value;
    }

    /** A list member with min..max entries, or null when absent. */
    static JsonNode list(JsonNode node, String name, int min, int max) {
        return JsonInput.list(node, name, path(name), min, max);
    }

    static int maxResults(JsonNode node, int dflt) {
        return JsonInput.maxResults(node, dflt);
    }

    /** Tags: a list of {Key, Value} (0..50), keys unique. */
    static Map<String, String> tags(JsonNode node, String name, int min) {
        JsonNode list = list(node, name, min, 50);
        Map<String, String> tags = new LinkedHashMap<>();
        if (list == null) {
            return tags;
        }
        for (JsonNode tag : list) {
            if (!tag.isObject()) {
                throw serialization(name + " members must be structures");
            }
            String key = required(tag, "Key");
            check(key, "tags.member.key", 1, 128, TAG_KEY);
            String value = required(tag, "Value");
            check(value, "tags.member.value", 0, 256, TAG_VALUE);
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw new AwsException("ValidationException", 400, "Tag keys starting with aws: are reserved.");
            }
            if (tags.put(key, value) != null) {
                throw new AwsException("ValidationException", 400, "Duplicate tag key " + key + ".");
            }
        }
        return tags;
    }

    /** NextToken: where the previous page ended, opaque to callers; one not ours is ValidationException. */
    static String after(JsonNode in, String kind) {
        String token = text(in, "NextToken");
        if (token == null) {
            return "";
        }
        check(token, "nextToken", 0, 2048, NEXT_TOKEN);
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw new AwsException("ValidationException", 400, "The NextToken is not valid.");
    }

    static String token(String kind, String last) {
        return Base64.getEncoder().encodeToString((kind + ":" + last).getBytes(StandardCharsets.UTF_8));
    }

    /** The member's name as AWS's messages spell it (lower camel case). */
    static String path(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    static AwsException validation(String message) {
        return JsonInput.validation(message);
    }

    static AwsException serialization(String message) {
        return JsonInput.serialization(message);
    }

    static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", 404, message);
    }

    static AwsException conflict(String message) {
        return new AwsException("ConflictException", 409, message);
    }
}
