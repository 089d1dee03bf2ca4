package io.gatehouse.identity.internal.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.internal.JsonInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * LookupEvents' request, read and checked as CloudTrail's service model says: a JSON type that
 * does not fit is SerializationException; a missing, empty or unknown attribute key or value is
 * ValidationException; more than one attribute, or a ReadOnly value other than true/false,
 * InvalidLookupAttributesException; MaxResults outside 1-50 InvalidMaxResultsException; StartTime
 * after EndTime InvalidTimeRangeException; an EventCategory other than {@code insight}
 * InvalidEventCategoryException. Times are epoch seconds (as the SDKs send them) or ISO-8601 text.
 */
final class LookupEventsInput {
    private LookupEventsInput() {}

    /**
     * The query for {@code accountId}, or null when the request asks for Insights events, of
     * which there are none.
     */
    static LookupQuery read(String accountId, ObjectNode input) {
        LookupQuery.Builder query = LookupQuery.builder(accountId);
        JsonNode attributes = input.get("LookupAttributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isArray()) {
                throw JsonInput.serialization("LookupAttributes must be a list");
            }
            if (attributes.size() > 1) {
                throw new AwsException("InvalidLookupAttributesException", 400,
                        "You cannot specify more than one lookup attribute.");
            }
            if (attributes.size() == 1) {
                query.attribute(attribute(attributes.get(0)));
            }
        }
        Instant start = time(input, "StartTime");
        Instant end = time(input, "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new AwsException("InvalidTimeRangeException", 400, "The start time must be before the end time.");
        }
        query.startTime(start).endTime(end);
        JsonNode max = input.get("MaxResults");
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber()) {
                throw JsonInput.serialization("MaxResults must be an integer");
            }
            if (!max.canConvertToInt() || max.intValue() < 1 || max.intValue() > LookupQuery.MAX_RESULTS) {
                throw new AwsException("InvalidMaxResultsException", 400,
                        "MaxResults must be between 1 and " + LookupQuery.MAX_RESULTS + ".");
            }
            query.maxResults(max.intValue());
        }
        String token = JsonInput.text(input, "NextToken");
        if (token != null && !token.isEmpty()) {
            query.nextToken(token);
        }
        String category = JsonInput.text(input, "EventCategory");
        if (category != null && !category.equals("insight")) {
            throw new AwsException("InvalidEventCategoryException", 400,
                    "EventCategory must be insight, or be left out.");
        }
        return category == null ? query.build() : null;
    }

    private static LookupAttribute attribute(JsonNode node) {
        if (!node.isObject()) {
            throw JsonInput.serialization("A lookup attribute must be a structure");
        }
        String key = JsonInput.text(node, "AttributeKey");
        String value = JsonInput.text(node, "AttributeValue");
        if (key == null || value == null) {
            throw validation("1 validation error detected: Value null at 'lookupAttributes.1.member."
                    + (key == null ? "attributeKey" : "attributeValue") + "' failed to satisfy constraint: Member must"
                    + " not be null");
        }
        LookupAttribute.Key parsed = LookupAttribute.Key.fromWireName(key).orElseThrow(() -> validation(
                "1 validation error detected: Value '" + key + "' at 'lookupAttributes.1.member.attributeKey' failed"
                        + " to satisfy constraint: Member must satisfy enum value set: [" + Arrays.stream(
                                LookupAttribute.Key.values()).map(LookupAttribute.Key::wireName)
                                .collect(Collectors.joining(", ")) + "]"));
        if (value.isEmpty() || value.length() > 2000) {
            throw validation("1 validation error detected: Value at 'lookupAttributes.1.member.attributeValue'"
                    + " failed to satisfy constraint: Member must have length between 1 and 2000");
        }
        if (parsed == LookupAttribute.Key.READ_ONLY && !value.equals("true") && !value.equals("false")) {
            throw new AwsException("InvalidLookupAttributesException", 400,
                    "The ReadOnly lookup attribute must be true or false.");
        }
        return new LookupAttribute(parsed, value);
    }

    private static Instant time(ObjectNode input, String name) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return seconds(node.decimalValue());
            }
            if (node.isTextual()) {
                String text = node.asText().trim();
                return text.matches("-?\\d+(\\.\\d+)?") ? seconds(new BigDecimal(text)) : Instant.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // Falls through to the refusal below.
        }
        throw JsonInput.serialization(name + " must be a timestamp (epoch seconds)");
    }

    private static Instant seconds(BigDecimal value) {
        BigDecimal whole = new BigDecimal(value.toBigInteger());
        long nanos = value.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, message);
    }
}
