package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** STS request parameters, checked with AWS's constraints and ValidationError wording. */
final class StsInputs {
    static final int MIN_DURATION = 900;
    static final int MAX_SESSION_TAGS = 50;
    static final int MAX_POLICY_ARNS = 10;
    private static final PolicyEngine ENGINE = PolicyEngine.create();
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/\\S+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]*");
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]*");
    private static final Pattern TOKEN_CODE = Pattern.compile("\\d{6}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private StsInputs() {}

    /** A name-like parameter (RoleSessionName, SourceIdentity): 2..64 of {@code [\w+=,.@-]}. */
    static String name(String value, String member) {
        return name(value, member, 64);
    }

    /** A name-like parameter of 2..{@code max} characters of {@code [\w+=,.@-]} (GetFederationToken's Name: 32). */
    static String name(String value, String member, int max) {
        length(value, member, 2, max);
        pattern(value, member, NAME);
        return value;
    }

    /** The inline session policy (Policy), validated as AWS does (2,048 characters outside white space). */
    static Optional<String> sessionPolicy(QueryParams p) {
        return p.optional("Policy").map(policy -> {
            length(policy, "policy", 1, 100_000);
            try {
                ENGINE.compile(policy, PolicyKind.SESSION);
            } catch (MalformedPolicyException e) {
                throw AwsException.malformedPolicy(e.getMessage());
            }
            return policy;
        });
    }

    /** PolicyArns ({@code PolicyArns.member.N.arn}): at most 10 managed policy ARNs, each 20..2048 characters. */
    static List<String> policyArns(QueryParams p) {
        List<Map<String, String>> members = p.structures("PolicyArns");
        if (members.size() > MAX_POLICY_ARNS) {
            throw AwsException.validation("1 validation error detected: Value at 'policyArns' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_POLICY_ARNS);
        }
        List<String> arns = new ArrayList<>();
        for (Map<String, String> member : members) {
            String arn = member.getOrDefault("arn", member.get("Arn"));
            if (arn == null) {
                continue; // a descriptor without an ARN names nothing (the member is optional in the model)
            }
            length(arn, "policyArns.member.arn", 20, 2048);
            if (!POLICY_ARN.matcher(arn).matches()) {
                throw fail(arn, "policyArns.member.arn", "Member must be the ARN of an IAM managed policy");
            }
            arns.add(arn);
        }
        return arns;
    }

    /** GetAccessKeyInfo's AccessKeyId: 16..128 of {@code [\w]}. */
    static String accessKeyId(String value) {
        length(value, "accessKeyId", 16, 128);
        pattern(value, "accessKeyId", ACCESS_KEY_ID);
        return value;
    }

    static String roleArn(String value) {
        length(value, "roleArn", 20, 2048);
        return value;
    }

    static Optional<String> externalId(QueryParams p) {
        return p.optional("ExternalId").map(v -> {
            length(v, "externalId", 2, 1224);
            pattern(v, "externalId", EXTERNAL_ID);
            return v;
        });
    }

    /** The SourceIdentity, which may not start with {@code aws:}. */
    static Optional<String> sourceIdentity(QueryParams p) {
        return p.optional("SourceIdentity").map(v -> {
            name(v, "sourceIdentity");
            if (v.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw AwsException.validation("SourceIdentity cannot start with the reserved prefix 'aws:'");
            }
            return v;
        });
    }

    /** DurationSeconds between 900 and the action's fixed {@code max} (AWS's wording), or {@code byDefault}. */
    static int duration(QueryParams p, int byDefault, int max) {
        int seconds = p.integer("DurationSeconds", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(byDefault);
        if (seconds < MIN_DURATION) {
            throw fail(Integer.toString(seconds), "durationSeconds",
                    "Member must have value greater than or equal to " + MIN_DURATION);
        }
        if (seconds > max) {
            throw fail(Integer.toString(seconds), "durationSeconds", "Member must have value less than or equal to " + max);
        }
        return seconds;
    }

    /** SerialNumber and TokenCode: both or neither. */
    static Optional<Mfa> mfa(QueryParams p) {
        Optional<String> serial = p.optional("SerialNumber");
        Optional<String> code = p.optional("TokenCode");
        if (serial.isEmpty() && code.isEmpty()) {
            return Optional.empty();
        }
        if (serial.isEmpty() || code.isEmpty()) {
            throw AwsException.validation("SerialNumber and TokenCode must be given together");
        }
        length(serial.get(), "serialNumber", 9, 256);
        pattern(serial.get(), "serialNumber", SERIAL);
        if (!TOKEN_CODE.matcher(code.get()).matches()) {
            throw AwsException.validation("1 validation error detected: Value at 'tokenCode' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\d]*");
        }
        return Optional.of(new Mfa(serial.get(), code.get()));
    }

    /** Session tags: at most 50, keys 1..128, values 0..256, no {@code aws:} prefix, keys unique ignoring case. */
    static Map<String, String> tags(QueryParams p) {
        Map<String, String> tags = p.tags("Tags");
        if (tags.size() > MAX_SESSION_TAGS) {
            throw AwsException.validation("1 validation error detected: Value at 'tags' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_SESSION_TAGS);
        }
        Map<String, String> lower = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            length(key, "tags.member.key", 1, 128);
            pattern(key, "tags.member.key", TAG_TEXT);
            length(value, "tags.member.value", 0, 256);
            pattern(value, "tags.member.value", TAG_TEXT);
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw AwsException.validation("Tag keys can't start with the reserved prefix 'aws:'");
            }
            if (lower.put(key.toLowerCase(Locale.ROOT), key) != null) {
                throw AwsException.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        });
        return tags;
    }

    /** TransitiveTagKeys: each must be one of the session tags' keys. */
    static List<String> transitiveTagKeys(QueryParams p, Map<String, String> tags) {
        List<String> keys = new ArrayList<>(p.list("TransitiveTagKeys"));
        for (String key : keys) {
            if (tags.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
                throw AwsException.invalidInput("The specified transitive tag key must be included in the "
                        + "requested tags.");
            }
        }
        return keys;
    }

    /** An MFA device and the code presented from it. */
    record Mfa(String serialNumber, String tokenCode) {
        @Override
        public String toString() {
            return "Mfa[serialNumber=" + serialNumber + ", tokenCode=****]";
        }
    }

    private static void length(String value, String member, int min, int max) {
        if (value.length() < min) {
            throw fail(value, member, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw fail(value, member, "Member must have length less than or equal to " + max);
        }
    }

    private static void pattern(String value, String member, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw fail(value, member, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    private static AwsException fail(String value, String member, String constraint) {
        String shown = value.length() > 128 ? value.substring(0, 128) + "..." : value;
        return AwsException.validation("1 validation error detected: Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
