package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading and checking Organizations requests as its service model says: a JSON type that does
 * not fit is SerializationException; a missing required member, a length, value or pattern that
 * does not fit is InvalidInputException with the model's Reason (INPUT_REQUIRED,
 * MIN_LENGTH_EXCEEDED, MAX_LENGTH_EXCEEDED, INVALID_PATTERN, INVALID_PATTERN_TARGET_ID,
 * INVALID_ENUM, MAX_VALUE_EXCEEDED, MIN_VALUE_EXCEEDED).
 */
final class OrgInput {
    static final String OU = "ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}";
    static final String ROOT = "r-[0-9a-z]{4,32}";
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern OU_ID = Pattern.compile(OU);
    static final Pattern ROOT_ID = Pattern.compile(ROOT);
    static final Pattern PARENT_ID = Pattern.compile("(" + ROOT + ")|(" + OU + ")");
    static final Pattern CHILD_ID = Pattern.compile("(\\d{12})|(" + OU + ")");
    static final Pattern TARGET_ID = Pattern.compile("(" + ROOT + ")|(\\d{12})|(" + OU + ")");
    static final Pattern TAGGABLE_ID = Pattern.compile("(" + ROOT + ")|(\\d{12})|(" + OU + ")|(p-[0-9a-zA-Z_]{8,128})");
    static final Pattern POLICY_ID = Pattern.compile("p-[0-9a-zA-Z_]{8,128}");
    static final Pattern CREATE_REQUEST_ID = Pattern.compile("car-[a-z0-9]{8,32}");
    static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    static final Pattern ACCOUNT_NAME = Pattern.compile("[\\u0020-\\u007E]+");
    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern ANY = Pattern.compile("[\\s\\S]*");
    static final int MAX_TAGS = 50;

    private OrgInput() {}

    /** A string member, or null when absent. */
    static String text(JsonNode in, String name) {
        JsonNode value = in.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AwsException("SerializationException", 400, name + " must be a string");
        }
        return value.asText();
    }

    static String required(JsonNode in, String name, int min, int max, Pattern pattern) {
        String value = text(in, name);
        if (value == null) {
            throw invalid("INPUT_REQUIRED", "You must specify a value for the " + name + " parameter.");
        }
        check(value, name, min, max, pattern);
        return value;
    }

    static String optional(JsonNode in, String name, int min, int max, Pattern pattern) {
        String value = text(in, name);
        if (value != null) {
            check(value, name, min, max, pattern);
        }
        return value;
    }

    static void check(String value, String name, int min, int max, Pattern pattern) {
        if (value.length() < min) {
            throw invalid("MIN_LENGTH_EXCEEDED", "You provided a value for " + name + " that is shorter than the"
                    + " minimum length of " + min + ".");
        }
        if (value.length() > max) {
            throw invalid("MAX_LENGTH_EXCEEDED", "You provided a value for " + name + " that exceeds the maximum"
                    + " length of " + max + ".");
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            boolean target = name.endsWith("Id") && !name.equals("CreateAccountRequestId");
            throw invalid(target ? "INVALID_PATTERN_TARGET_ID" : "INVALID_PATTERN", "You provided a value for "
                    + name + " that does not match the required pattern.");
        }
    }

    /** A member that must be one of the enum's values. */
    static String enumValue(JsonNode in, String name, boolean required, String... allowed) {
        String value = required ? required(in, name, 1, 64, null) : text(in, name);
        if (value == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw invalid("INVALID_ENUM", "You specified an invalid value for " + name + ".");
    }

    /** MaxResults (1-20), or 20. */
    static int maxResults(JsonNode in) {
        JsonNode value = in.get("MaxResults");
        if (value == null || value.isNull()) {
            return 20;
        }
        if (!value.isIntegralNumber()) {
            throw new AwsException("SerializationException", 400, "MaxResults must be an integer");
        }
        if (value.longValue() < 1) {
            throw invalid("MIN_VALUE_EXCEEDED", "You provided a value for MaxResults that is less than 1.");
        }
        if (value.longValue() > 20) {
            throw invalid("MAX_VALUE_EXCEEDED", "You provided a value for MaxResults that exceeds 20.");
        }
        return value.intValue();
    }

    /** The Tags member (list of Key/Value), in order, or an empty map. */
    static Map<String, String> tags(JsonNode in) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode list = in.get("Tags");
        if (list == null || list.isNull()) {
            return tags;
        }
        if (!list.isArray()) {
            throw new AwsException("SerializationException", 400, "Tags must be a list");
        }
        for (JsonNode tag : list) {
            if (!tag.isObject()) {
                throw new AwsException("SerializationException", 400, "Tags must hold structures");
            }
            String key = required(tag, "Key", 1, 128, Pattern.compile("[\\s\\S]*"));
            String value = required(tag, "Value", 0, 256, Pattern.compile("[\\s\\S]*"));
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw invalid("INVALID_SYSTEM_TAGS_PARAMETER", "You provided a tag key that starts with the reserved"
                        + " prefix aws:.");
            }
            if (tags.containsKey(key)) {
                throw invalid("DUPLICATE_TAG_KEY", "You provided the tag key " + key + " more than once.");
            }
            tags.put(key, value);
        }
        if (tags.size() > MAX_TAGS) {
            throw constraint("MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the maximum number of tags allowed on this"
                    + " resource.");
        }
        return tags;
    }

    static AwsException invalid(String reason, String message) {
        return new AwsException("InvalidInputException", 400, message).with("Reason", reason);
    }

    static AwsException constraint(String reason, String message) {
        return new AwsException("ConstraintViolationException", 400, message).with("Reason", reason);
    }

    static AwsException error(String code, String message) {
        return new AwsException(code, 400, message);
    }
}
