package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.ACTION;
import static io.gatehouse.policy.Fixtures.ALICE;
import static io.gatehouse.policy.Fixtures.ENGINE;
import static io.gatehouse.policy.Fixtures.RESOURCE;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The IAM JSON policy grammar and the rules each PolicyKind adds. */
class PolicyGrammarTest {

    private static boolean allowed(Policy identity, String action, String resource) {
        return Fixtures.evaluate(PolicySet.builder().identity(identity).build(),
                new Request(ALICE, action, resource, null, null)).allowed();
    }

    private static void refused(String json, PolicyKind kind, String... fragments) {
        var thrown = assertThatThrownBy(() -> ENGINE.compile(json, kind)).isInstanceOf(MalformedPolicyException.class);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void statementMayBeASingleObjectOrAnArray() {
        Policy single = ENGINE.compile(doc(Fixtures.stmt("Allow", ACTION, "*")), PolicyKind.IDENTITY);
        Policy list = ENGINE.compile(doc(Fixtures.array(Fixtures.stmt("Allow", ACTION, "*"),
                Fixtures.stmt("Allow", "ec2:*", "*"))), PolicyKind.IDENTITY);
        assertThat(single.statementCount()).isEqualTo(1);
        assertThat(list.statementCount()).isEqualTo(2);
        assertThat(allowed(single, ACTION, RESOURCE)).isTrue();
        assertThat(allowed(list, "ec2:RunInstances", "*")).isTrue();
    }

    @Test
    void documentMetadataIsExposed() {
        Policy p = ENGINE.compile(q("{'Version':'2012-10-17','Id':'my-id','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}"),
                PolicyKind.IDENTITY);
        assertThat(p.version()).isEqualTo("2012-10-17");
        assertThat(p.id()).contains("my-id");
        assertThat(p.kind()).isEqualTo(PolicyKind.IDENTITY);
        assertThat(p.json()).contains("my-id");
    }

    @Test
    void emptyStatementArrayAndMissingStatementAreRefused() {
        refused(q("{'Version':'2012-10-17','Statement':[]}"), PolicyKind.IDENTITY, "Statement");
        refused(q("{'Version':'2012-10-17'}"), PolicyKind.IDENTITY, "Statement");
    }

    @Test
    void notActionAllowsEverythingExceptTheListedActions() {
        Policy p = ENGINE.compile(doc(q("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}")), PolicyKind.IDENTITY);
        assertThat(allowed(p, "s3:GetObject", RESOURCE)).isTrue();
        assertThat(allowed(p, "iam:CreateUser", "*")).isFalse();
    }

    @Test
    void notResourceAppliesToEveryResourceExceptTheListed() {
        Policy p = ENGINE.compile(doc(q("{'Effect':'Allow','Action':'s3:GetObject','NotResource':'arn:aws:s3:::secret/*'}")),
                PolicyKind.IDENTITY);
        assertThat(allowed(p, ACTION, "arn:aws:s3:::public/x")).isTrue();
        assertThat(allowed(p, ACTION, "arn:aws:s3:::secret/x")).isFalse();
    }

    @Test
    void actionAndNotActionTogetherAreRefused() {
        refused(doc(q("{'Effect':'Allow','Action':'s3:*','NotAction':'iam:*','Resource':'*'}")), PolicyKind.IDENTITY,
                "Statement[0]", "Action", "NotAction");
        refused(doc(q("{'Effect':'Allow','Action':'s3:*','Resource':'*','NotResource':'*'}")), PolicyKind.IDENTITY,
                "Statement[0]", "Resource", "NotResource");
    }

    @Test
    void missingActionOrEffectIsRefused() {
        refused(doc(q("{'Effect':'Allow','Resource':'*'}")), PolicyKind.IDENTITY, "Statement[0]", "Action");
        refused(doc(q("{'Action':'s3:*','Resource':'*'}")), PolicyKind.IDENTITY, "Statement[0]", "Effect");
    }

    @Test
    void malformedActionsAndResourcesAreRefused() {
        refused(doc(q("{'Effect':'Allow','Action':'GetObject','Resource':'*'}")), PolicyKind.IDENTITY, "GetObject");
        refused(doc(q("{'Effect':'Allow','Action':'s3:GetObject','Resource':'bucket/key'}")), PolicyKind.IDENTITY,
                "bucket/key");
        refused(doc(q("{'Effect':'Allow','Action':[],'Resource':'*'}")), PolicyKind.IDENTITY, "Action");
    }

    @Test
    void principalIsForbiddenInIdentityPolicies() {
        for (PolicyKind kind : new PolicyKind[] {PolicyKind.IDENTITY, PolicyKind.BOUNDARY, PolicyKind.SESSION,
                PolicyKind.SCP}) {
            refused(doc(q("{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'}")), kind, "Principal");
            refused(doc(q("{'Effect':'Deny','NotPrincipal':{'AWS':'111122223333'},'Action':'s3:*','Resource':'*'}")),
                    kind, "NotPrincipal");
        }
    }

    @Test
    void resourceIsRequiredInIdentityPolicies() {
        refused(doc(q("{'Effect':'Allow','Action':'s3:*'}")), PolicyKind.IDENTITY, "Statement[0]", "Resource");
    }

    @Test
    void principalIsRequiredInResourceAndTrustPolicies() {
        refused(doc(q("{'Effect':'Allow','Action':'s3:*','Resource':'*'}")), PolicyKind.RESOURCE, "Principal");
        refused(doc(q("{'Effect':'Allow','Action':'sts:AssumeRole'}")), PolicyKind.TRUST, "Principal");
    }

    @Test
    void resourceIsForbiddenInTrustPolicies() {
        refused(doc(q("{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole','Resource':'*'}")),
                PolicyKind.TRUST, "Resource");
        Policy trust = ENGINE.compile(doc(q(
                "{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}")), PolicyKind.TRUST);
        assertThat(trust.statementCount()).isEqualTo(1);
    }

    @Test
    void badPrincipalValuesAreRefused() {
        refused(doc(q("{'Effect':'Allow','Principal':'someone','Action':'s3:*','Resource':'*'}")), PolicyKind.RESOURCE,
                "Principal");
        refused(doc(q("{'Effect':'Allow','Principal':{'AWS':'bob'},'Action':'s3:*','Resource':'*'}")), PolicyKind.RESOURCE,
                "bob");
        refused(doc(q("{'Effect':'Allow','Principal':{'Martian':'x'},'Action':'s3:*','Resource':'*'}")),
                PolicyKind.RESOURCE, "Martian");
    }

    @Test
    void strictSidInIdentityPolicies() {
        refused(doc(q("{'Sid':'my sid','Effect':'Allow','Action':'s3:*','Resource':'*'}")), PolicyKind.IDENTITY,
                "Statement[0]", "my sid");
        refused(doc(q("{'Sid':'a-b','Effect':'Allow','Action':'s3:*','Resource':'*'}")), PolicyKind.SCP, "a-b");
        assertThat(ENGINE.compile(doc(q("{'Sid':'ReadOnly2','Effect':'Allow','Action':'s3:*','Resource':'*'}")),
                PolicyKind.IDENTITY).statementCount()).isEqualTo(1);
    }

    @Test
    void freeTextSidInResourcePolicies() {
        Policy p = ENGINE.compile(doc(q("{'Sid':'Allow read for: my team!','Effect':'Allow','Principal':'*',"
                + "'Action':'s3:GetObject','Resource':'*'}")), PolicyKind.RESOURCE);
        assertThat(p.statementCount()).isEqualTo(1);
    }

    @Test
    void duplicateSidsAreRefused() {
        refused(doc(Fixtures.array(Fixtures.sidStmt("Same", "Allow", "s3:*", "*"),
                Fixtures.sidStmt("Same", "Deny", "ec2:*", "*"))), PolicyKind.IDENTITY, "Statement[1]", "Same");
    }

    @Test
    void errorMessagesNameTheStatementTheSidAndTheField() {
        String json = doc(Fixtures.array(Fixtures.stmt("Allow", "s3:*", "*"),
                q("{'Sid':'ReadOnly','Effect':'allow','Action':'s3:Get*','Resource':'*'}")));
        refused(json, PolicyKind.IDENTITY, "Statement[1]", "(Sid \"ReadOnly\")", "Effect", "allow");
    }

    @Test
    void conditionErrorsNameOperatorAndKey() {
        String json = doc(q("{'Sid':'Net','Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'IpAddress':{'aws:SourceIp':'999.0.0.0/8'}}}"));
        refused(json, PolicyKind.IDENTITY, "Statement[0]", "Net", "IpAddress", "aws:SourceIp", "999.0.0.0/8");
    }

    @Test
    void unknownFieldsAndBadVersionsAreRefused() {
        refused(q("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*','Actions':'x'}}"),
                PolicyKind.IDENTITY, "Statement[0]", "Actions");
        refused(q("{'Version':'2012-10-17','Statment':[]}"), PolicyKind.IDENTITY, "Statment");
        refused(q("{'Version':'2012-10-18','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*'}}"),
                PolicyKind.IDENTITY, "Version");
    }

    @Test
    void invalidJsonIsRefusedAsMalformed() {
        refused("{", PolicyKind.IDENTITY, "JSON");
        refused("", PolicyKind.IDENTITY);
        refused(q("{'Version':'2012-10-17','Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}"),
                PolicyKind.IDENTITY);
        refused(doc(Fixtures.stmt("Allow", "*", "*")) + " {}", PolicyKind.IDENTITY);
        refused("[]", PolicyKind.IDENTITY);
    }

    // ---------------------------------------------------------------- size limits

    /** A valid document for the kind whose size excluding white space is exactly {@code size}. */
    private static String documentOfSize(PolicyKind kind, int size) {
        String statement;
        switch (kind) {
            case RESOURCE:
                statement = q("{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'*'}");
                break;
            case TRUST:
                statement = q("{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}");
                break;
            default:
                statement = q("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}");
        }
        String prefix = "{ \"Version\": \"2012-10-17\", \"Id\": \"";
        String suffix = "\", \"Statement\": " + statement + " }";
        int fixed = nonWhitespace(prefix) + nonWhitespace(suffix);
        String json = prefix + "x".repeat(size - fixed) + suffix;
        assertThat(nonWhitespace(json)).isEqualTo(size);
        return json;
    }

    private static int nonWhitespace(String s) {
        return (int) s.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void defaultSizeLimitPerKindCountsNonWhitespaceCharacters(PolicyKind kind) {
        assertThat(ENGINE.compile(documentOfSize(kind, kind.maxSize()), kind).statementCount()).isEqualTo(1);
        refused(documentOfSize(kind, kind.maxSize() + 1), kind, "size", String.valueOf(kind.maxSize()));
    }

    @Test
    void sizeLimitsMatchIamQuotas() {
        assertThat(PolicyKind.IDENTITY.maxSize()).isEqualTo(6_144);
        assertThat(PolicyKind.SESSION.maxSize()).isEqualTo(2_048);
        assertThat(PolicyKind.SCP.maxSize()).isEqualTo(5_120);
        assertThat(PolicyKind.TRUST.maxSize()).isEqualTo(2_048);
    }

    @Test
    void whitespaceDoesNotCountTowardsTheLimit() {
        String padded = documentOfSize(PolicyKind.SESSION, PolicyKind.SESSION.maxSize())
                .replace(",", " ,\n\t" + " ".repeat(5_000));
        assertThat(ENGINE.compile(padded, PolicyKind.SESSION).statementCount()).isEqualTo(1);
    }

    @Test
    void explicitLimitOverridesTheKindsDefault() {
        String json = documentOfSize(PolicyKind.IDENTITY, 3_000);
        assertThat(ENGINE.compile(json, PolicyKind.IDENTITY).statementCount()).isEqualTo(1);
        assertThatThrownBy(() -> ENGINE.compile(json, PolicyKind.IDENTITY, 2_048))
                .isInstanceOf(MalformedPolicyException.class).hasMessageContaining("2048");
        String big = documentOfSize(PolicyKind.IDENTITY, 10_240);
        assertThat(ENGINE.compile(big, PolicyKind.IDENTITY, 10_240).statementCount()).isEqualTo(1);
        assertThatThrownBy(() -> ENGINE.compile(big, PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class);
    }
}
