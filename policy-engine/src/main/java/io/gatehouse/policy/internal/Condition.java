package io.gatehouse.policy.internal;

import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.RequestContext;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One compiled test: an operator (with its set qualifier and IfExists), a condition key and the
 * policy's values, pre-parsed to their type. Immutable and thread-safe.
 *
 * <p>Semantics, from the IAM User Guide: several values for one key are ORed; a negated operator
 * is true when no value matches; a missing key makes a positive operator false and a negated one
 * true, unless IfExists (then true); {@code ForAllValues} is true for a missing or empty key and
 * {@code ForAnyValue} false; {@code Null} tests presence only.
 */
final class Condition {
    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    private final ConditionOperator operator;
    private final Qualifier qualifier;
    private final boolean ifExists;
    private final String key;
    private final Object[] values;

    Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, Object[] values) {
        this.operator = operator;
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = key;
        this.values = values;
    }

    /**
     * Compiles the values of one key, refusing those that are not of the operator's type.
     *
     * @param key the condition key in lower case
     * @param where names operator and key, for the refusal message
     */
    static Condition compile(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key,
            List<String> raw, boolean variables, String where) {
        Object[] compiled = new Object[raw.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compileValue(operator, raw.get(i), variables, where);
        }
        return new Condition(operator, qualifier, ifExists, key, compiled);
    }

    private static Object compileValue(ConditionOperator operator, String raw, boolean variables, String where) {
        Object value;
        String expected;
        switch (operator.family()) {
            case STRING:
            case STRING_IGNORE_CASE:
            case STRING_LIKE:
            case ARN:
                return Template.parse(raw, variables, where);
            case NUMERIC:
                value = Values.number(raw);
                expected = "a number";
                break;
            case DATE:
                value = Values.date(raw);
                expected = "a date (ISO 8601 or epoch seconds)";
                break;
            case BOOL:
            case NULL:
                value = Values.bool(raw);
                expected = "\"true\" or \"false\"";
                break;
            case BINARY:
                value = Values.base64(raw);
                expected = "base64-encoded";
                break;
            case IP:
                value = Cidr.parse(raw);
                expected = "an IPv4 or IPv6 address or CIDR block";
                break;
            default:
                throw new IllegalStateException(operator.wireName());
        }
        if (value == null) {
            throw new MalformedPolicyException(where + ": value \"" + raw + "\" is not " + expected);
        }
        return value;
    }

    /** The condition key, in lower case. */
    String key() {
        return key;
    }

    boolean evaluate(RequestContext context) {
        List<String> present = context.values().get(key);
        if (operator == ConditionOperator.NULL) {
            boolean absent = present == null || present.isEmpty();
            for (Object v : values) {
                if ((Boolean) v == absent) {
                    return true;
                }
            }
            return false;
        }
        if (present == null || present.isEmpty()) {
            if (ifExists && present == null) {
                return true;
            }
            switch (qualifier) {
                case FOR_ALL_VALUES:
                    return true;
                case FOR_ANY_VALUE:
                    return false;
                default:
                    return operator.negated();
            }
        }
        boolean negated = operator.negated();
        switch (qualifier) {
            case FOR_ALL_VALUES:
                for (String v : present) {
                    if (matchesAny(v, context) == negated) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (String v : present) {
                    if (matchesAny(v, context) != negated) {
                        return true;
                    }
                }
                return false;
            default:
                for (String v : present) {
                    if (matchesAny(v, context)) {
                        return !negated;
                    }
                }
                return negated;
        }
    }

    /** The positive test: does the request value equal/match/lie in any of the policy's values? */
    private boolean matchesAny(String requestValue, RequestContext context) {
        switch (operator.family()) {
            case STRING:
                return anyString(requestValue, context, false);
            case STRING_IGNORE_CASE:
                return anyString(requestValue, context, true);
            case STRING_LIKE:
                for (Object v : values) {
                    if (((Template) v).matches(requestValue, context)) {
                        return true;
                    }
                }
                return false;
            case ARN:
                for (Object v : values) {
                    Template.Masked pattern = ((Template) v).masked(context);
                    if (pattern != null && Arns.matches(pattern.text(), pattern.literal(), requestValue)) {
                        return true;
                    }
                }
                return false;
            case NUMERIC:
                return anyNumber(requestValue);
            case DATE:
                return anyDate(requestValue);
            case BOOL:
                Boolean b = Values.bool(requestValue);
                return b != null && Arrays.asList(values).contains(b);
            case BINARY:
                return anyBinary(requestValue);
            case IP:
                for (Object v : values) {
                    if (((Cidr) v).contains(requestValue)) {
                        return true;
                    }
                }
                return false;
            default:
                throw new IllegalStateException(operator.wireName());
        }
    }

    private boolean anyString(String requestValue, RequestContext context, boolean ignoreCase) {
        for (Object v : values) {
            String s = ((Template) v).resolve(context);
            if (s != null && (ignoreCase ? s.equalsIgnoreCase(requestValue) : s.equals(requestValue))) {
                return true;
            }
        }
        return false;
    }

    private boolean anyNumber(String requestValue) {
        BigDecimal n = Values.number(requestValue);
        if (n == null) {
            return false;
        }
        for (Object v : values) {
            if (operator.acceptsComparison(n.compareTo((BigDecimal) v))) {
                return true;
            }
        }
        return false;
    }

    private boolean anyDate(String requestValue) {
        Long t = Values.date(requestValue);
        if (t == null) {
            return false;
        }
        for (Object v : values) {
            if (operator.acceptsComparison(Long.compare(t, (Long) v))) {
                return true;
            }
        }
        return false;
    }

    private boolean anyBinary(String requestValue) {
        byte[] bytes = Values.base64(requestValue);
        if (bytes == null) {
            return false;
        }
        for (Object v : values) {
            if (Arrays.equals(bytes, (byte[]) v)) {
                return true;
            }
        }
        return false;
    }
}
