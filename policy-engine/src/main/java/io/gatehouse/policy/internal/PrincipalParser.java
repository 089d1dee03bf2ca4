package io.gatehouse.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.policy.MalformedPolicyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Principal or NotPrincipal element: {@code "*"} or an object of principal types. */
final class PrincipalParser {
    private PrincipalParser() {}

    static PrincipalMatcher parse(JsonNode node, String field, String where) {
        boolean negated = field.equals("NotPrincipal");
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new MalformedPolicyException(where + ": " + field
                        + " must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}");
            }
            return PrincipalMatcher.compile(negated, field, null, where);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyException(where + ": " + field
                    + " must be \"*\" or a non-empty object of principal types (AWS, Service, Federated, CanonicalUser)");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (var entry : StatementParser.fields(node).entrySet()) {
            byType.put(entry.getKey(), StatementParser.strings(entry.getValue(), field + " " + entry.getKey(), where));
        }
        return PrincipalMatcher.compile(negated, field, byType, where);
    }
}
