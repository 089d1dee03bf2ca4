package io.gatehouse.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.policy.MalformedPolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a Condition block: {@code {"Operator": {"key": value-or-values, ...}, ...}}. Operator
 * names are case-sensitive, as in IAM; condition key names are not (they are kept in lower case).
 */
final class ConditionParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_./:+=@-]+");
    private static final String FOR_ALL = "ForAllValues:";
    private static final String FOR_ANY = "ForAnyValue:";
    private static final String IF_EXISTS = "IfExists";

    private ConditionParser() {}

    static Condition[] parse(JsonNode node, boolean variables, String where) {
        if (node == null) {
            return new Condition[0];
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException(where + ": Condition must be an object of operators, got "
                    + node.getNodeType());
        }
        List<Condition> out = new ArrayList<>();
        for (var operatorEntry : StatementParser.fields(node).entrySet()) {
            String name = operatorEntry.getKey();
            JsonNode block = operatorEntry.getValue();
            String at = where + ": Condition " + name;
            if (!block.isObject() || block.isEmpty()) {
                throw new MalformedPolicyException(at + " must be a non-empty object of condition keys");
            }
            for (var keyEntry : StatementParser.fields(block).entrySet()) {
                out.add(condition(name, keyEntry.getKey(), keyEntry.getValue(), variables, at));
            }
        }
        return out.toArray(new Condition[0]);
    }

    private static Condition condition(String name, String key, JsonNode value, boolean variables, String at) {
        Condition.Qualifier qualifier = Condition.Qualifier.NONE;
        String base = name;
        if (base.startsWith(FOR_ALL)) {
            qualifier = Condition.Qualifier.FOR_ALL_VALUES;
            base = base.substring(FOR_ALL.length());
        } else if (base.startsWith(FOR_ANY)) {
            qualifier = Condition.Qualifier.FOR_ANY_VALUE;
            base = base.substring(FOR_ANY.length());
        }
        boolean ifExists = base.endsWith(IF_EXISTS) && base.length() > IF_EXISTS.length();
        if (ifExists) {
            base = base.substring(0, base.length() - IF_EXISTS.length());
        }
        ConditionOperator operator = ConditionOperator.byName(base);
        if (operator == null) {
            throw new MalformedPolicyException(at + ": unknown condition operator \"" + name + "\"");
        }
        if (operator == ConditionOperator.NULL && (ifExists || qualifier != Condition.Qualifier.NONE)) {
            throw new MalformedPolicyException(at + ": the Null operator takes neither IfExists nor a set qualifier");
        }
        if (key.isEmpty() || !KEY.matcher(key).matches()) {
            throw new MalformedPolicyException(at + ": invalid condition key \"" + key
                    + "\"; expected prefix:name, e.g. aws:SourceIp");
        }
        List<String> raw = values(value, at + " key \"" + key + "\"");
        return Condition.compile(operator, qualifier, ifExists, key.toLowerCase(Locale.ROOT), raw,
                variables && operator.takesVariables(), at + " key \"" + key + "\"");
    }

    /** A string, number or boolean, or a non-empty array of them, as strings. */
    private static List<String> values(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new MalformedPolicyException(at + ": must have at least one value");
            }
            for (JsonNode element : node) {
                out.add(scalar(element, at));
            }
        } else {
            out.add(scalar(node, at));
        }
        return out;
    }

    private static String scalar(JsonNode node, String at) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new MalformedPolicyException(at + ": values must be strings, numbers or booleans (or an array of them), got "
                + node.getNodeType());
    }
}
