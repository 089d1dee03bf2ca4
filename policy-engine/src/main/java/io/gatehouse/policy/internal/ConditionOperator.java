package io.gatehouse.policy.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The base condition operators of the IAM grammar (without {@code IfExists} or a set
 * qualifier). A negated operator is evaluated as NOT of its positive twin over the value list.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    /** How values are typed and compared. */
    enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator op : values()) {
            BY_NAME.put(op.wireName, op);
        }
    }

    private final String wireName;
    private final Family family;
    private final boolean negated;

    ConditionOperator(String wireName, Family family, boolean negated) {
        this.wireName = wireName;
        this.family = family;
        this.negated = negated;
    }

    /** The operator spelled exactly as in the grammar (names are case-sensitive), or null. */
    static ConditionOperator byName(String name) {
        return BY_NAME.get(name);
    }

    String wireName() {
        return wireName;
    }

    Family family() {
        return family;
    }

    boolean negated() {
        return negated;
    }

    /** Whether values of this operator may hold policy variables. */
    boolean takesVariables() {
        return family == Family.STRING || family == Family.STRING_IGNORE_CASE
                || family == Family.STRING_LIKE || family == Family.ARN;
    }

    /** Ordering test for numeric and date operators given compare(request, policy). */
    boolean acceptsComparison(int cmp) {
        switch (this) {
            case NUMERIC_EQUALS:
            case NUMERIC_NOT_EQUALS:
            case DATE_EQUALS:
            case DATE_NOT_EQUALS:
                return cmp == 0;
            case NUMERIC_LESS_THAN:
            case DATE_LESS_THAN:
                return cmp < 0;
            case NUMERIC_LESS_THAN_EQUALS:
            case DATE_LESS_THAN_EQUALS:
                return cmp <= 0;
            case NUMERIC_GREATER_THAN:
            case DATE_GREATER_THAN:
                return cmp > 0;
            case NUMERIC_GREATER_THAN_EQUALS:
            case DATE_GREATER_THAN_EQUALS:
                return cmp >= 0;
            default:
                throw new IllegalStateException("not an ordering operator: " + wireName);
        }
    }
}
