package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's input constraints, as botocore's service model states them, refused with AWS's
 * ValidationError wording ("1 validation error detected: Value 'x' at 'userName' failed to satisfy
 * constraint: ...").
 */
public final class Constraints {
    public static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[\\u0021-\\u007F]*");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    public static final int MAX_TAGS = 50;

    private Constraints() {}

    /** A name matching {@link #NAME} of 1..max characters. */
    public static String name(String value, String member, int max) {
        length(value, member, 1, max);
        pattern(value, member, NAME);
        return value;
    }

    /** A path: "/" or "/.../", 1..512 characters. */
    public static String path(String value, String member) {
        length(value, member, 1, 512);
        pattern(value, member, PATH);
        return value;
    }

    public static String pathPrefix(String value, String member) {
        length(value, member, 1, 512);
        pattern(value, member, PATH_PREFIX);
        return value;
    }

    public static String length(String value, String member, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw fail(value, member, min == max ? "Member must have length " + min
                    : length < min ? "Member must have length greater than or equal to " + min
                    : "Member must have length less than or equal to " + max);
        }
        return value;
    }

    public static void pattern(String value, String member, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw fail(value, member, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    /** Tags: at most 50, keys 1..128 and values 0..256 of the allowed characters, no aws: prefix. */
    public static Map<String, String> tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw AwsException.limitExceeded("Cannot exceed quota for TagsPerResource: " + MAX_TAGS);
        }
        tags.forEach((key, value) -> {
            length(key, "tags.member.key", 1, 128);
            pattern(key, "tags.member.key", TAG_KEY);
            length(value, "tags.member.value", 0, 256);
            pattern(value, "tags.member.value", TAG_VALUE);
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw AwsException.invalidInput("User-defined tag keys can't start with 'aws:'; that prefix is reserved");
            }
        });
        return tags;
    }

    private static AwsException fail(String value, String member, String constraint) {
        String shown = value.length() > 128 ? value.substring(0, 128) + "..." : value;
        return AwsException.validation("1 validation error detected: Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
