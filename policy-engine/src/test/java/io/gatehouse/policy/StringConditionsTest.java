package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.allowWhen;
import static io.gatehouse.policy.Fixtures.allows;
import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** String condition operators (IAM User Guide, "Condition operators: String"). */
class StringConditionsTest {

    @Test
    void stringEqualsIsExactAndCaseSensitive() {
        assertThat(condition("StringEquals", "aws:PrincipalTag/team", "\"blue\"", ctx("aws:PrincipalTag/team", "blue")))
                .isTrue();
        assertThat(condition("StringEquals", "aws:PrincipalTag/team", "\"blue\"", ctx("aws:PrincipalTag/team", "Blue")))
                .isFalse();
        assertThat(condition("StringEquals", "aws:PrincipalTag/team", "\"blue\"", ctx("aws:PrincipalTag/team", "blue2")))
                .isFalse();
    }

    @Test
    void stringEqualsDoesNotTreatStarAsWildcard() {
        assertThat(condition("StringEquals", "s3:prefix", "\"home/*\"", ctx("s3:prefix", "home/alice"))).isFalse();
        assertThat(condition("StringEquals", "s3:prefix", "\"home/*\"", ctx("s3:prefix", "home/*"))).isTrue();
    }

    @Test
    void stringNotEqualsIsTrueOnlyWhenNoValueMatches() {
        assertThat(condition("StringNotEquals", "aws:RequestedRegion", "[\"us-east-1\",\"eu-west-1\"]",
                ctx("aws:RequestedRegion", "ap-south-1"))).isTrue();
        assertThat(condition("StringNotEquals", "aws:RequestedRegion", "[\"us-east-1\",\"eu-west-1\"]",
                ctx("aws:RequestedRegion", "eu-west-1"))).isFalse();
        assertThat(condition("StringNotEquals", "aws:RequestedRegion", "\"us-east-1\"",
                ctx("aws:RequestedRegion", "US-EAST-1"))).as("case-sensitive").isTrue();
    }

    @Test
    void ignoreCaseVariantsFoldCase() {
        assertThat(condition("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "\"BLUE\"",
                ctx("aws:PrincipalTag/team", "blue"))).isTrue();
        assertThat(condition("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "\"BLUE\"",
                ctx("aws:PrincipalTag/team", "green"))).isFalse();
        assertThat(condition("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", "\"BLUE\"",
                ctx("aws:PrincipalTag/team", "Blue"))).isFalse();
        assertThat(condition("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", "\"BLUE\"",
                ctx("aws:PrincipalTag/team", "red"))).isTrue();
    }

    @Test
    void stringLikeSupportsStarAndQuestionMark() {
        assertThat(condition("StringLike", "s3:prefix", "\"home/*\"", ctx("s3:prefix", "home/alice/docs"))).isTrue();
        assertThat(condition("StringLike", "s3:prefix", "\"home/*\"", ctx("s3:prefix", "homes/alice"))).isFalse();
        assertThat(condition("StringLike", "s3:prefix", "\"v?\"", ctx("s3:prefix", "v1"))).isTrue();
        assertThat(condition("StringLike", "s3:prefix", "\"v?\"", ctx("s3:prefix", "v10"))).isFalse();
        assertThat(condition("StringLike", "s3:prefix", "\"*-prod\"", ctx("s3:prefix", "app-PROD")))
                .as("case-sensitive").isFalse();
    }

    @Test
    void stringNotLikeIsTrueWhenNoPatternMatches() {
        assertThat(condition("StringNotLike", "s3:prefix", "[\"tmp/*\",\"cache/*\"]", ctx("s3:prefix", "home/x")))
                .isTrue();
        assertThat(condition("StringNotLike", "s3:prefix", "[\"tmp/*\",\"cache/*\"]", ctx("s3:prefix", "cache/x")))
                .isFalse();
    }

    @Test
    void multipleValuesForOneKeyAreOred() {
        String values = "[\"red\",\"green\",\"blue\"]";
        assertThat(condition("StringEquals", "aws:PrincipalTag/team", values, ctx("aws:PrincipalTag/team", "green")))
                .isTrue();
        assertThat(condition("StringEquals", "aws:PrincipalTag/team", values, ctx("aws:PrincipalTag/team", "pink")))
                .isFalse();
    }

    @Test
    void multipleKeysInOneOperatorAreAnded() {
        Policy p = allowWhen(q("{'StringEquals':{'aws:PrincipalTag/team':'blue','aws:RequestedRegion':'us-east-1'}}"));
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "blue", "aws:RequestedRegion", "us-east-1"))).isTrue();
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "blue", "aws:RequestedRegion", "eu-west-1"))).isFalse();
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "blue"))).isFalse();
    }

    @Test
    void multipleOperatorsAreAnded() {
        Policy p = allowWhen(q("{'StringEquals':{'aws:PrincipalTag/team':'blue'},'StringLike':{'s3:prefix':'home/*'}}"));
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "blue", "s3:prefix", "home/a"))).isTrue();
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "blue", "s3:prefix", "tmp/a"))).isFalse();
        assertThat(allows(p, ctx("aws:PrincipalTag/team", "red", "s3:prefix", "home/a"))).isFalse();
    }

    @Test
    void conditionKeyNamesAreCaseInsensitive() {
        Policy p = allowWhen(q("{'StringEquals':{'AWS:PRINCIPALTAG/Team':'blue'}}"));
        assertThat(allows(p, ctx("aws:principaltag/team", "blue"))).isTrue();
        assertThat(allows(p, ctx("Aws:PrincipalTag/TEAM", "blue"))).isTrue();
    }

    @Test
    void conditionValuesStayCaseSensitiveWhateverTheKeyCase() {
        Policy p = allowWhen(q("{'StringEquals':{'aws:principaltag/team':'Blue'}}"));
        assertThat(allows(p, ctx("AWS:PrincipalTag/Team", "blue"))).isFalse();
        assertThat(allows(p, ctx("AWS:PrincipalTag/Team", "Blue"))).isTrue();
    }

    @Test
    void singleValuedOperatorOnMultiValuedRequestMatchesIfAnyRequestValueMatches() {
        // without a set qualifier the request values are tried one by one
        assertThat(condition("StringEquals", "aws:TagKeys", "\"env\"", ctx("aws:TagKeys", List.of("owner", "env"))))
                .isTrue();
    }

    @Test
    void operatorNamesAreCaseSensitive() {
        assertThat(Fixtures.ENGINE.validate(Fixtures.doc(q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'stringequals':{'aws:username':'a'}}}")),
                PolicyKind.IDENTITY).malformed()).isTrue();
    }

    @Test
    void numbersAndBooleansInStringConditionsAreComparedAsText() {
        assertThat(condition("StringEquals", "aws:PrincipalTag/level", "7", ctx("aws:PrincipalTag/level", "7"))).isTrue();
        assertThat(condition("StringEquals", "aws:PrincipalTag/flag", "true", ctx("aws:PrincipalTag/flag", "true")))
                .isTrue();
    }
}
