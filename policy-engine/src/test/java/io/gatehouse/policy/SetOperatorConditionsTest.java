package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ForAllValues / ForAnyValue over multivalued keys (IAM User Guide, "Set operators for
 * multivalued context keys"): ForAllValues is true when every request value matches some policy
 * value, and also when the key is missing or empty; ForAnyValue is true when at least one request
 * value matches, and false when the key is missing or empty.
 */
class SetOperatorConditionsTest {
    private static final String TAGS = "aws:TagKeys";
    private static final String ALLOWED = "[\"env\",\"owner\",\"cost-center\"]";

    @Test
    void forAllValuesTrueWhenEveryRequestValueIsAllowed() {
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of("env", "owner")))).isTrue();
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of("env")))).isTrue();
    }

    @Test
    void forAllValuesFalseWhenOneRequestValueIsNotAllowed() {
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of("env", "secret"))))
                .isFalse();
    }

    @Test
    void forAllValuesIsTrueOnMissingOrEmptyKey() {
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx())).isTrue();
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of()))).isTrue();
    }

    @Test
    void forAnyValueTrueWhenOneRequestValueMatches() {
        assertThat(condition("ForAnyValue:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of("secret", "owner"))))
                .isTrue();
        assertThat(condition("ForAnyValue:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of("secret", "other"))))
                .isFalse();
    }

    @Test
    void forAnyValueIsFalseOnMissingOrEmptyKey() {
        assertThat(condition("ForAnyValue:StringEquals", TAGS, ALLOWED, ctx())).isFalse();
        assertThat(condition("ForAnyValue:StringEquals", TAGS, ALLOWED, ctx(TAGS, List.of()))).isFalse();
    }

    @Test
    void forAllValuesStringNotEqualsMeansNoRequestValueIsForbidden() {
        String forbidden = "[\"secret\",\"admin\"]";
        assertThat(condition("ForAllValues:StringNotEquals", TAGS, forbidden, ctx(TAGS, List.of("env", "owner"))))
                .isTrue();
        assertThat(condition("ForAllValues:StringNotEquals", TAGS, forbidden, ctx(TAGS, List.of("env", "admin"))))
                .isFalse();
        assertThat(condition("ForAllValues:StringNotEquals", TAGS, forbidden, ctx())).isTrue();
    }

    @Test
    void forAnyValueStringNotEqualsMeansSomeRequestValueIsOutsideTheList() {
        String list = "[\"env\",\"owner\"]";
        assertThat(condition("ForAnyValue:StringNotEquals", TAGS, list, ctx(TAGS, List.of("env", "owner"))))
                .isFalse();
        assertThat(condition("ForAnyValue:StringNotEquals", TAGS, list, ctx(TAGS, List.of("env", "x")))).isTrue();
        assertThat(condition("ForAnyValue:StringNotEquals", TAGS, list, ctx())).isFalse();
    }

    @Test
    void forAnyValueStringLikeUsesWildcards() {
        assertThat(condition("ForAnyValue:StringLike", TAGS, "\"team-*\"", ctx(TAGS, List.of("env", "team-blue"))))
                .isTrue();
        assertThat(condition("ForAnyValue:StringLike", TAGS, "\"team-*\"", ctx(TAGS, List.of("env", "teams"))))
                .isFalse();
    }

    @Test
    void forAllValuesStringLikeRequiresEveryValueToMatchSomePattern() {
        String patterns = "[\"team-*\",\"env\"]";
        assertThat(condition("ForAllValues:StringLike", TAGS, patterns, ctx(TAGS, List.of("env", "team-a")))).isTrue();
        assertThat(condition("ForAllValues:StringLike", TAGS, patterns, ctx(TAGS, List.of("env", "owner")))).isFalse();
    }

    @Test
    void singleValuedRequestKeyBehavesAsOneElementSet() {
        assertThat(condition("ForAllValues:StringEquals", TAGS, ALLOWED, ctx(TAGS, "env"))).isTrue();
        assertThat(condition("ForAnyValue:StringEquals", TAGS, ALLOWED, ctx(TAGS, "nope"))).isFalse();
    }

    @Test
    void qualifiersCombineWithIfExists() {
        assertThat(condition("ForAnyValue:StringEqualsIfExists", TAGS, ALLOWED, ctx())).isTrue();
        assertThat(condition("ForAnyValue:StringEqualsIfExists", TAGS, ALLOWED, ctx(TAGS, List.of("nope")))).isFalse();
    }

    @Test
    void qualifiersWorkWithOtherFamilies() {
        assertThat(condition("ForAllValues:NumericLessThan", "s3:sizes", "\"100\"", ctx("s3:sizes", List.of("1", "99"))))
                .isTrue();
        assertThat(condition("ForAllValues:NumericLessThan", "s3:sizes", "\"100\"", ctx("s3:sizes", List.of("1", "100"))))
                .isFalse();
        assertThat(condition("ForAnyValue:IpAddress", "aws:SourceIpList", "\"10.0.0.0/8\"",
                ctx("aws:SourceIpList", List.of("1.1.1.1", "10.9.9.9")))).isTrue();
    }
}
