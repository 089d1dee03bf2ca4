package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Date condition operators: ISO 8601 date-times (W3C profile) and epoch seconds, on either side. */
class DateConditionsTest {
    private static final String KEY = "aws:CurrentTime";
    /** 2024-03-01T12:00:00Z in epoch seconds. */
    private static final String NOON_EPOCH = "1709294400";

    @ParameterizedTest(name = "policy {0} equals request {1}")
    @CsvSource({
        "2024-03-01T12:00:00Z,          2024-03-01T12:00:00Z",
        "2024-03-01T12:00:00Z,          2024-03-01T12:00:00.000Z",
        "2024-03-01T12:00:00Z,          2024-03-01T14:00:00+02:00",
        "2024-03-01T12:00:00Z,          2024-03-01T07:00:00-05:00",
        "2024-03-01T12:00:00Z,          1709294400",
        "1709294400,                    2024-03-01T12:00:00Z",
        "1709294400,                    1709294400",
        "2024-03-01,                    2024-03-01T00:00:00Z",
        "2024-03-01T12:00:00.500Z,      2024-03-01T12:00:00.5Z",
    })
    void equalInstantsInDifferentFormsAreEqual(String policyValue, String requestValue) {
        assertThat(condition("DateEquals", KEY, "\"" + policyValue + "\"", ctx(KEY, requestValue))).isTrue();
        assertThat(condition("DateNotEquals", KEY, "\"" + policyValue + "\"", ctx(KEY, requestValue))).isFalse();
    }

    @Test
    void millisecondsAreSignificant() {
        assertThat(condition("DateEquals", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T12:00:00.001Z")))
                .isFalse();
        assertThat(condition("DateLessThan", KEY, "\"2024-03-01T12:00:00.001Z\"", ctx(KEY, "2024-03-01T12:00:00Z")))
                .isTrue();
    }

    @Test
    void lessThanAndGreaterThanFollowTime() {
        assertThat(condition("DateLessThan", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T11:59:59Z")))
                .isTrue();
        assertThat(condition("DateLessThan", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T12:00:00Z")))
                .isFalse();
        assertThat(condition("DateLessThanEquals", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T12:00:00Z")))
                .isTrue();
        assertThat(condition("DateGreaterThan", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T12:00:01Z")))
                .isTrue();
        assertThat(condition("DateGreaterThanEquals", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T11:00:00Z")))
                .isFalse();
    }

    @Test
    void offsetsAreTakenIntoAccountWhenOrdering() {
        // 13:00+02:00 is 11:00Z, before noon UTC
        assertThat(condition("DateLessThan", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T13:00:00+02:00")))
                .isTrue();
        // 08:00-05:00 is 13:00Z, after noon UTC
        assertThat(condition("DateGreaterThan", KEY, "\"2024-03-01T12:00:00Z\"", ctx(KEY, "2024-03-01T08:00:00-05:00")))
                .isTrue();
    }

    @Test
    void epochSecondsCompareWithIsoDates() {
        assertThat(condition("DateGreaterThan", "aws:EpochTime", "\"2024-03-01T12:00:00Z\"",
                ctx("aws:EpochTime", String.valueOf(Long.parseLong(NOON_EPOCH) + 1)))).isTrue();
        assertThat(condition("DateLessThan", "aws:EpochTime", "\"" + NOON_EPOCH + "\"",
                ctx("aws:EpochTime", "2024-03-01T11:59:59Z"))).isTrue();
        assertThat(condition("DateLessThan", "aws:EpochTime", NOON_EPOCH,
                ctx("aws:EpochTime", "2024-03-01T12:00:01Z"))).as("JSON number policy value").isFalse();
    }

    @Test
    void dateOnlyMeansMidnightUtc() {
        assertThat(condition("DateLessThan", KEY, "\"2024-03-02\"", ctx(KEY, "2024-03-01T23:59:59Z"))).isTrue();
        assertThat(condition("DateLessThan", KEY, "\"2024-03-02\"", ctx(KEY, "2024-03-02T00:00:00Z"))).isFalse();
    }

    @Test
    void unparseableRequestDateDoesNotMatch() {
        assertThat(condition("DateGreaterThan", KEY, "\"2000-01-01T00:00:00Z\"", ctx(KEY, "yesterday"))).isFalse();
        assertThat(condition("DateLessThan", KEY, "\"2100-01-01T00:00:00Z\"", ctx(KEY, "2024-13-45"))).isFalse();
    }

    @Test
    void missingDateKeyFailsPositiveOperatorAndPassesNegatedOne() {
        assertThat(condition("DateLessThan", KEY, "\"2100-01-01T00:00:00Z\"", ctx())).isFalse();
        assertThat(condition("DateNotEquals", KEY, "\"2100-01-01T00:00:00Z\"", ctx())).isTrue();
        assertThat(condition("DateLessThanIfExists", KEY, "\"2000-01-01T00:00:00Z\"", ctx())).isTrue();
    }

    @Test
    void invalidPolicyDateIsRefused() {
        assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'DateLessThan':{'aws:CurrentTime':'next week'}}}")),
                PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("Statement[0]")
                .hasMessageContaining("next week");
    }
}
