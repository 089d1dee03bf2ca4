package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.allowWhen;
import static io.gatehouse.policy.Fixtures.allows;
import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Missing-key semantics. IAM User Guide: a condition on a key absent from the request context
 * evaluates to false, except for negated operators (StringNotEquals, NotIpAddress ...) which
 * evaluate to true; ...IfExists makes an absent key true; Null tests presence.
 */
class NullAndIfExistsConditionsTest {
    private static final String KEY = "aws:PrincipalTag/team";

    @ParameterizedTest(name = "{0} on a missing key -> {2}")
    @CsvSource({
        "StringEquals,          '\"x\"',            false",
        "StringNotEquals,       '\"x\"',            true",
        "StringEqualsIgnoreCase,'\"x\"',            false",
        "StringNotEqualsIgnoreCase,'\"x\"',         true",
        "StringLike,            '\"*\"',            false",
        "StringNotLike,         '\"x*\"',           true",
        "NumericEquals,         '\"1\"',            false",
        "NumericNotEquals,      '\"1\"',            true",
        "DateEquals,            '\"2020-01-01\"',   false",
        "DateNotEquals,         '\"2020-01-01\"',   true",
        "Bool,                  '\"true\"',         false",
        "IpAddress,             '\"0.0.0.0/0\"',    false",
        "NotIpAddress,          '\"10.0.0.0/8\"',   true",
        "ArnLike,               '\"arn:*:*:*:*:*\"',false",
        "ArnNotLike,            '\"arn:aws:s3:::x\"',true",
    })
    void missingKeyIsFalseForPositiveAndTrueForNegatedOperators(String operator, String values, boolean expected) {
        assertThat(condition(operator, KEY, values, ctx())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}IfExists on a missing key is true")
    @CsvSource({
        "StringEquals, '\"x\"'",
        "StringNotEquals, '\"x\"'",
        "StringLike, '\"x*\"'",
        "NumericLessThan, '\"1\"'",
        "DateGreaterThan, '\"2999-01-01\"'",
        "Bool, '\"true\"'",
        "IpAddress, '\"10.0.0.0/8\"'",
        "ArnEquals, '\"arn:aws:s3:::x\"'",
    })
    void ifExistsIsTrueWhenTheKeyIsAbsent(String operator, String values) {
        assertThat(condition(operator + "IfExists", KEY, values, ctx())).isTrue();
    }

    @Test
    void ifExistsEvaluatesNormallyWhenTheKeyIsPresent() {
        assertThat(condition("StringEqualsIfExists", KEY, "\"blue\"", ctx(KEY, "blue"))).isTrue();
        assertThat(condition("StringEqualsIfExists", KEY, "\"blue\"", ctx(KEY, "red"))).isFalse();
        assertThat(condition("NumericLessThanIfExists", "s3:max-keys", "\"10\"", ctx("s3:max-keys", "50"))).isFalse();
        assertThat(condition("StringNotEqualsIfExists", KEY, "\"blue\"", ctx(KEY, "blue"))).isFalse();
    }

    @Test
    void nullTrueMatchesOnlyAbsentKeys() {
        assertThat(condition("Null", KEY, "\"true\"", ctx())).isTrue();
        assertThat(condition("Null", KEY, "\"true\"", ctx(KEY, "blue"))).isFalse();
    }

    @Test
    void nullFalseMatchesOnlyPresentKeys() {
        assertThat(condition("Null", KEY, "\"false\"", ctx(KEY, "blue"))).isTrue();
        assertThat(condition("Null", KEY, "\"false\"", ctx(KEY, ""))).as("present, empty string").isTrue();
        assertThat(condition("Null", KEY, "\"false\"", ctx())).isFalse();
    }

    @Test
    void nullAcceptsJsonBooleans() {
        assertThat(condition("Null", KEY, "true", ctx())).isTrue();
        assertThat(condition("Null", KEY, "false", ctx())).isFalse();
    }

    @Test
    void denyWithNullTrueBlocksRequestsWithoutTheTag() {
        Policy p = Fixtures.identity(Fixtures.array(
                Fixtures.stmt("Allow", "s3:GetObject", "*"),
                q("{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'Null':{'aws:PrincipalTag/team':'true'}}}")));
        assertThat(allows(p, ctx())).isFalse();
        assertThat(allows(p, ctx(KEY, "blue"))).isTrue();
    }

    @Test
    void nullTakesNeitherIfExistsNorQualifier() {
        for (String op : new String[] {"NullIfExists", "ForAllValues:Null", "ForAnyValue:Null"}) {
            assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                    "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'" + op + "':{'aws:username':'true'}}}")),
                    PolicyKind.IDENTITY)).as(op).isInstanceOf(MalformedPolicyException.class);
        }
    }

    @Test
    void ifExistsWithDenyProtectsOnlyWhenKeyPresent() {
        Policy p = Fixtures.identity(Fixtures.array(
                Fixtures.stmt("Allow", "s3:GetObject", "*"),
                q("{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}}")));
        assertThat(allows(p, ctx())).as("long-term keys: key absent -> deny applies").isFalse();
        assertThat(allows(p, ctx("aws:MultiFactorAuthPresent", "false"))).isFalse();
        assertThat(allows(p, ctx("aws:MultiFactorAuthPresent", "true"))).isTrue();
    }

    @Test
    void unknownOperatorIsRefused() {
        assertThatThrownBy(() -> allowWhen(q("{'StringEqualz':{'aws:username':'a'}}")))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("StringEqualz");
    }
}
