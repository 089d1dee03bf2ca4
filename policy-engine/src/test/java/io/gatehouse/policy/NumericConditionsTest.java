package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Numeric condition operators: request value compared with the policy value. */
class NumericConditionsTest {
    private static final String KEY = "s3:max-keys";

    @ParameterizedTest(name = "{0} {1}: request {2} -> {3}")
    @CsvSource({
        "NumericEquals,            10, 10,   true",
        "NumericEquals,            10, 10.0, true",
        "NumericEquals,            10, 11,   false",
        "NumericNotEquals,         10, 11,   true",
        "NumericNotEquals,         10, 10,   false",
        "NumericLessThan,          10, 9,    true",
        "NumericLessThan,          10, 10,   false",
        "NumericLessThan,          10, 11,   false",
        "NumericLessThanEquals,    10, 10,   true",
        "NumericLessThanEquals,    10, 11,   false",
        "NumericGreaterThan,       10, 11,   true",
        "NumericGreaterThan,       10, 10,   false",
        "NumericGreaterThanEquals, 10, 10,   true",
        "NumericGreaterThanEquals, 10, 9,    false",
        "NumericLessThan,          -5, -6,   true",
        "NumericLessThan,          0.5, 0.25, true",
        "NumericGreaterThan,       0.5, 0.25, false",
    })
    void comparesRequestValueAgainstPolicyValue(String operator, String policyValue, String requestValue,
            boolean expected) {
        assertThat(condition(operator, KEY, "\"" + policyValue + "\"", ctx(KEY, requestValue))).isEqualTo(expected);
    }

    @Test
    void policyValueMayBeAJsonNumber() {
        assertThat(condition("NumericLessThanEquals", KEY, "100", ctx(KEY, "100"))).isTrue();
        assertThat(condition("NumericLessThanEquals", KEY, "100", ctx(KEY, "101"))).isFalse();
    }

    @Test
    void comparisonIsNumericNotLexicographic() {
        assertThat(condition("NumericLessThan", KEY, "\"10\"", ctx(KEY, "9"))).isTrue();
        assertThat(condition("NumericGreaterThan", KEY, "\"9\"", ctx(KEY, "10"))).isTrue();
    }

    @Test
    void severalPolicyValuesAreOred() {
        assertThat(condition("NumericEquals", KEY, "[\"1\",\"2\",\"3\"]", ctx(KEY, "2"))).isTrue();
        assertThat(condition("NumericEquals", KEY, "[\"1\",\"2\",\"3\"]", ctx(KEY, "4"))).isFalse();
    }

    @Test
    void nonNumericRequestValueDoesNotMatch() {
        assertThat(condition("NumericEquals", KEY, "\"10\"", ctx(KEY, "ten"))).isFalse();
        assertThat(condition("NumericLessThan", KEY, "\"10\"", ctx(KEY, ""))).isFalse();
    }

    @Test
    void missingKeyFailsPositiveNumericOperator() {
        assertThat(condition("NumericLessThan", KEY, "\"10\"", ctx())).isFalse();
        assertThat(condition("NumericNotEquals", KEY, "\"10\"", ctx())).isTrue();
    }

    @Test
    void nonNumericPolicyValueIsRefused() {
        assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                "{'Sid':'Limit','Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'NumericLessThan':{'s3:max-keys':'ten'}}}")),
                PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("Statement[0]")
                .hasMessageContaining("Limit")
                .hasMessageContaining("NumericLessThan")
                .hasMessageContaining("ten");
    }
}
