package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.ACCOUNT;
import static io.gatehouse.policy.Fixtures.ALICE;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"). */
class PolicyVariablesTest {

    private static Policy withVersion(String versionField, String statement) {
        return Fixtures.compile("{" + versionField + "\"Statement\":" + statement + "}", PolicyKind.IDENTITY);
    }

    private static boolean allowed(Policy p, String resource, RequestContext context) {
        return Fixtures.evaluate(PolicySet.builder().identity(p).build(),
                new Request(ALICE, "s3:GetObject", resource, null, context)).allowed();
    }

    private static Policy homeFolderPolicy() {
        return Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"));
    }

    @Test
    void usernameInResourceSelectsTheCallersOwnFolder() {
        Policy p = homeFolderPolicy();
        assertThat(allowed(p, "arn:aws:s3:::home/alice/notes.txt", ctx("aws:username", "alice"))).isTrue();
        assertThat(allowed(p, "arn:aws:s3:::home/bob/notes.txt", ctx("aws:username", "alice"))).isFalse();
    }

    @Test
    void variableKeyNamesAreCaseInsensitive() {
        Policy p = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${AWS:UserName}/*"));
        assertThat(allowed(p, "arn:aws:s3:::home/alice/x", ctx("aws:username", "alice"))).isTrue();
    }

    @Test
    void usernameInConditionValue() {
        Policy p = Fixtures.identity(q("{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::home',"
                + "'Condition':{'StringLike':{'s3:prefix':['${aws:username}/*']}}}"));
        PolicySet set = PolicySet.builder().identity(p).build();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "s3:ListBucket", "arn:aws:s3:::home", null,
                ctx("aws:username", "alice", "s3:prefix", "alice/docs"))).allowed()).isTrue();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "s3:ListBucket", "arn:aws:s3:::home", null,
                ctx("aws:username", "alice", "s3:prefix", "bob/docs"))).allowed()).isFalse();
    }

    @Test
    void variableInStringEqualsConditionComparesWithAnotherKey() {
        Policy p = Fixtures.allowWhen(q("{'StringEquals':{'s3:ExistingObjectTag/owner':'${aws:username}'}}"));
        assertThat(Fixtures.allows(p, ctx("aws:username", "alice", "s3:ExistingObjectTag/owner", "alice"))).isTrue();
        assertThat(Fixtures.allows(p, ctx("aws:username", "alice", "s3:ExistingObjectTag/owner", "bob"))).isFalse();
    }

    @Test
    void principalTagVariable() {
        Policy p = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::teams/${aws:PrincipalTag/team}/*"));
        assertThat(allowed(p, "arn:aws:s3:::teams/blue/x", ctx("aws:PrincipalTag/team", "blue"))).isTrue();
        assertThat(allowed(p, "arn:aws:s3:::teams/red/x", ctx("aws:PrincipalTag/team", "blue"))).isFalse();
    }

    @Test
    void specialCharacterVariablesAreLiterals() {
        Policy star = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::bucket/${*}"));
        assertThat(allowed(star, "arn:aws:s3:::bucket/*", ctx())).isTrue();
        assertThat(allowed(star, "arn:aws:s3:::bucket/anything", ctx())).isFalse();

        Policy question = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::bucket/a${?}"));
        assertThat(allowed(question, "arn:aws:s3:::bucket/a?", ctx())).isTrue();
        assertThat(allowed(question, "arn:aws:s3:::bucket/ab", ctx())).isFalse();

        Policy dollar = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::bucket/${$}{x}"));
        assertThat(allowed(dollar, "arn:aws:s3:::bucket/${x}", ctx())).isTrue();
    }

    @Test
    void specialCharacterVariablesInStringLikeConditions() {
        Policy p = Fixtures.allowWhen(q("{'StringLike':{'s3:prefix':'logs/${*}/*'}}"));
        assertThat(Fixtures.allows(p, ctx("s3:prefix", "logs/*/2024"))).isTrue();
        assertThat(Fixtures.allows(p, ctx("s3:prefix", "logs/app/2024"))).isFalse();
    }

    @Test
    void defaultValueIsUsedWhenTheKeyIsMissing() {
        Policy p = Fixtures.identity("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username, 'guest'}/*\"}");
        assertThat(allowed(p, "arn:aws:s3:::home/guest/x", ctx())).isTrue();
        assertThat(allowed(p, "arn:aws:s3:::home/alice/x", ctx())).isFalse();
        assertThat(allowed(p, "arn:aws:s3:::home/alice/x", ctx("aws:username", "alice"))).isTrue();
        assertThat(allowed(p, "arn:aws:s3:::home/guest/x", ctx("aws:username", "alice"))).isFalse();
    }

    @Test
    void defaultValueInCondition() {
        Policy p = Fixtures.allowWhen("{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:RequestTag/team, 'none'}\"}}");
        assertThat(Fixtures.allows(p, ctx("aws:PrincipalTag/team", "none"))).isTrue();
        assertThat(Fixtures.allows(p, ctx("aws:PrincipalTag/team", "blue", "aws:RequestTag/team", "blue"))).isTrue();
        assertThat(Fixtures.allows(p, ctx("aws:PrincipalTag/team", "blue"))).isFalse();
    }

    @Test
    void missingKeyWithoutDefaultMatchesNothing() {
        Policy p = homeFolderPolicy();
        assertThat(allowed(p, "arn:aws:s3:::home//x", ctx())).isFalse();
        assertThat(allowed(p, "arn:aws:s3:::home/${aws:username}/x", ctx())).isFalse();
        Policy broad = Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/*${aws:username}*"));
        assertThat(allowed(broad, "arn:aws:s3:::home/anything", ctx())).isFalse();
    }

    @Test
    void substitutedWildcardInAUserNameIsLiteral() {
        Policy p = homeFolderPolicy();
        RequestContext starUser = ctx("aws:username", "*");
        assertThat(allowed(p, "arn:aws:s3:::home/bob/secret", starUser)).isFalse();
        assertThat(allowed(p, "arn:aws:s3:::home/*/own", starUser)).isTrue();
        RequestContext questionUser = ctx("aws:username", "b?b");
        assertThat(allowed(p, "arn:aws:s3:::home/bob/x", questionUser)).isFalse();
    }

    @Test
    void substitutedWildcardIsLiteralInStringLikeCondition() {
        Policy p = Fixtures.allowWhen(q("{'StringLike':{'s3:prefix':'${aws:username}/*'}}"));
        assertThat(Fixtures.allows(p, ctx("aws:username", "*", "s3:prefix", "bob/x"))).isFalse();
        assertThat(Fixtures.allows(p, ctx("aws:username", "*", "s3:prefix", "*/x"))).isTrue();
    }

    @Test
    void version2008DoesNotSubstitute() {
        String statement = Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*");
        Policy old = withVersion("\"Version\":\"2008-10-17\",", statement);
        assertThat(old.version()).isEqualTo("2008-10-17");
        assertThat(allowed(old, "arn:aws:s3:::home/alice/x", ctx("aws:username", "alice"))).isFalse();
        assertThat(allowed(old, "arn:aws:s3:::home/${aws:username}/x", ctx("aws:username", "alice"))).isTrue();
    }

    @Test
    void missingVersionMeans2008AndDoesNotSubstitute() {
        String statement = Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*");
        Policy none = withVersion("", statement);
        assertThat(none.version()).isEqualTo("2008-10-17");
        assertThat(allowed(none, "arn:aws:s3:::home/alice/x", ctx("aws:username", "alice"))).isFalse();
    }

    @Test
    void version2008DoesNotSubstituteInConditions() {
        Policy old = withVersion("\"Version\":\"2008-10-17\",", q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':{'s3:prefix':'${aws:username}'}}}"));
        assertThat(allowed(old, "arn:aws:s3:::b/k", ctx("aws:username", "alice", "s3:prefix", "alice"))).isFalse();
        assertThat(allowed(old, "arn:aws:s3:::b/k", ctx("aws:username", "alice", "s3:prefix", "${aws:username}")))
                .isTrue();
    }

    @Test
    void malformedVariablesAreRefusedNamingTheStatement() {
        assertThatThrownBy(() -> Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username/*")))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("Statement[0]");
        assertThatThrownBy(() -> Fixtures.identity(Fixtures.stmt("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username, guest}/*")))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("default");
    }

    @Test
    void accountIdVariableInResource() {
        Policy p = Fixtures.identity(Fixtures.stmt("Allow", "sqs:SendMessage", "arn:aws:sqs:*:${aws:PrincipalAccount}:*"));
        PolicySet set = PolicySet.builder().identity(p).build();
        RequestContext c = ctx("aws:PrincipalAccount", ACCOUNT);
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "sqs:SendMessage",
                "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q", null, c)).allowed()).isTrue();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "sqs:SendMessage",
                "arn:aws:sqs:us-east-1:999999999999:q", null, c)).allowed()).isFalse();
    }
}
