package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ARN operators. IAM User Guide: "Each of the six colon-delimited components of the ARN is checked
 * separately and each can include multi-character match wildcards (*) or single-character match
 * wildcards (?)". ArnEquals and ArnLike behave the same way.
 */
class ArnConditionsTest {
    private static final String KEY = "aws:SourceArn";

    @Test
    void arnLikeMatchesWithWildcardsInsideSegments() {
        assertThat(condition("ArnLike", KEY, "\"arn:aws:sns:*:111122223333:topic-*\"",
                ctx(KEY, "arn:aws:sns:us-east-1:111122223333:topic-orders"))).isTrue();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:sns:*:111122223333:topic-*\"",
                ctx(KEY, "arn:aws:sns:us-east-1:444455556666:topic-orders"))).isFalse();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::bucket-?\"",
                ctx(KEY, "arn:aws:s3:::bucket-1"))).isTrue();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::bucket-?\"",
                ctx(KEY, "arn:aws:s3:::bucket-12"))).isFalse();
    }

    @Test
    void starDoesNotCrossAColonSegment() {
        // "*" in the service segment cannot swallow the region and account segments
        assertThat(condition("ArnLike", KEY, "\"arn:aws:*:111122223333:function:f\"",
                ctx(KEY, "arn:aws:lambda:us-east-1:111122223333:function:f"))).isFalse();
        // one segment "*" matches exactly one (possibly empty) segment
        assertThat(condition("ArnLike", KEY, "\"arn:aws:*:*:111122223333:*\"",
                ctx(KEY, "arn:aws:lambda:us-east-1:111122223333:function:f"))).isTrue();
        // a pattern whose star would have to span "us-east-1:111122223333" does not match
        assertThat(condition("ArnLike", KEY, "\"arn:aws:lambda:*:function:f\"",
                ctx(KEY, "arn:aws:lambda:us-east-1:111122223333:function:f"))).isFalse();
    }

    @Test
    void resourceSegmentMayHoldColons() {
        assertThat(condition("ArnLike", KEY, "\"arn:aws:lambda:us-east-1:111122223333:function:*\"",
                ctx(KEY, "arn:aws:lambda:us-east-1:111122223333:function:f:PROD"))).isTrue();
    }

    @Test
    void arnEqualsIsCaseSensitiveAndExactWithoutWildcards() {
        String arn = "arn:aws:iam::111122223333:role/App";
        assertThat(condition("ArnEquals", "aws:PrincipalArn", "\"" + arn + "\"", ctx("aws:PrincipalArn", arn))).isTrue();
        assertThat(condition("ArnEquals", "aws:PrincipalArn", "\"" + arn + "\"",
                ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/app"))).isFalse();
    }

    @Test
    void arnEqualsAlsoAcceptsWildcardsPerSegment() {
        assertThat(condition("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::111122223333:role/*\"",
                ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/App"))).isTrue();
    }

    @Test
    void negatedArnOperators() {
        assertThat(condition("ArnNotLike", KEY, "\"arn:aws:s3:::logs-*\"", ctx(KEY, "arn:aws:s3:::data"))).isTrue();
        assertThat(condition("ArnNotLike", KEY, "\"arn:aws:s3:::logs-*\"", ctx(KEY, "arn:aws:s3:::logs-1"))).isFalse();
        assertThat(condition("ArnNotEquals", KEY, "\"arn:aws:s3:::a\"", ctx(KEY, "arn:aws:s3:::b"))).isTrue();
        assertThat(condition("ArnNotEquals", KEY, "\"arn:aws:s3:::a\"", ctx())).as("missing key").isTrue();
    }

    @Test
    void requestValueThatIsNotAnArnNeverMatches() {
        assertThat(condition("ArnLike", KEY, "\"*\"", ctx(KEY, "not-an-arn"))).isFalse();
        assertThat(condition("ArnLike", KEY, "\"arn:*:*:*:*:*\"", ctx(KEY, "arn:aws:s3"))).isFalse();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::b\"", ctx())).as("missing key").isFalse();
    }

    @Test
    void literalStarVariableInArnLikeIsNotAWildcard() {
        // ${*} stands for a literal "*" (IAM User Guide, policy variables: special characters)
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::bucket/${*}\"", ctx(KEY, "arn:aws:s3:::bucket/*")))
                .isTrue();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::bucket/${*}\"", ctx(KEY, "arn:aws:s3:::bucket/secret")))
                .isFalse();
    }

    @Test
    void substitutedVariableInArnLikeIsLiteralText() {
        // the tag value "*" is data, not a pattern
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::${aws:PrincipalTag/bucket}\"",
                ctx(KEY, "arn:aws:s3:::payroll", "aws:PrincipalTag/bucket", "*"))).isFalse();
        assertThat(condition("ArnLike", KEY, "\"arn:aws:s3:::${aws:PrincipalTag/bucket}\"",
                ctx(KEY, "arn:aws:s3:::payroll", "aws:PrincipalTag/bucket", "payroll"))).isTrue();
    }
}
