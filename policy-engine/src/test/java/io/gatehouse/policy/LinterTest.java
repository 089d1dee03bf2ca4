package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.ENGINE;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** validate(): refusals as ERROR findings, and the lint codes for risky but valid documents. */
class LinterTest {

    private static List<String> codes(String json, PolicyKind kind) {
        return ENGINE.validate(json, kind).findings().stream().map(Finding::code).toList();
    }

    private static List<String> identityCodes(String statementJson) {
        return codes(doc(q(statementJson)), PolicyKind.IDENTITY);
    }

    @Test
    void cleanLeastPrivilegePolicyHasNoFindings() {
        ValidationReport report = ENGINE.validate(doc(q("[{'Sid':'Read','Effect':'Allow','Action':['s3:GetObject','s3:ListBucket'],"
                + "'Resource':['arn:aws:s3:::reports','arn:aws:s3:::reports/*'],"
                + "'Condition':{'StringLike':{'s3:prefix':'2024/*'},'Bool':{'aws:SecureTransport':'true'}}}]")),
                PolicyKind.IDENTITY);
        assertThat(report.findings()).isEmpty();
        assertThat(report.malformed()).isFalse();
    }

    @Test
    void allowAll() {
        assertThat(identityCodes("{'Effect':'Allow','Action':'*','Resource':'*'}")).contains("ALLOW_ALL");
        assertThat(identityCodes("{'Effect':'Allow','Action':'*:*','Resource':'*'}")).contains("ALLOW_ALL");
        assertThat(identityCodes("{'Effect':'Deny','Action':'*','Resource':'*'}")).doesNotContain("ALLOW_ALL");
        assertThat(identityCodes("{'Effect':'Allow','Action':'*','Resource':'arn:aws:s3:::b/*'}")).doesNotContain("ALLOW_ALL");
        assertThat(identityCodes("{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'true'}}}"))
                .doesNotContain("ALLOW_ALL");
    }

    @Test
    void passRoleOnAnyRole() {
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:PassRole','Resource':'*'}")).contains("PASS_ROLE_ANY");
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:Pass*','Resource':'*'}")).contains("PASS_ROLE_ANY");
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:PassRole','Resource':'arn:aws:iam::111122223333:role/app'}"))
                .doesNotContain("PASS_ROLE_ANY");
    }

    @Test
    void privilegeEscalation() {
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:CreatePolicyVersion','Resource':'*'}"))
                .contains("PRIVILEGE_ESCALATION");
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:Attach*','Resource':'*'}")).contains("PRIVILEGE_ESCALATION");
        assertThat(identityCodes("{'Effect':'Allow','Action':'iam:GetUser','Resource':'*'}"))
                .doesNotContain("PRIVILEGE_ESCALATION");
        assertThat(identityCodes("{'Effect':'Deny','Action':'iam:CreatePolicyVersion','Resource':'*'}"))
                .doesNotContain("PRIVILEGE_ESCALATION");
    }

    @Test
    void allowWithNotActionOrNotResource() {
        assertThat(identityCodes("{'Effect':'Allow','NotAction':'iam:*','Resource':'*'}")).contains("ALLOW_NOT_ACTION");
        assertThat(identityCodes("{'Effect':'Deny','NotAction':'iam:*','Resource':'*'}")).doesNotContain("ALLOW_NOT_ACTION");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','NotResource':'arn:aws:s3:::secret/*'}"))
                .contains("ALLOW_NOT_RESOURCE");
        assertThat(identityCodes("{'Effect':'Deny','Action':'s3:GetObject','NotResource':'arn:aws:s3:::ok/*'}"))
                .doesNotContain("ALLOW_NOT_RESOURCE");
    }

    @Test
    void publicAccessInResourcePolicies() {
        String json = doc(q("{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}"));
        assertThat(codes(json, PolicyKind.RESOURCE)).contains("PUBLIC_ACCESS");
        String awsStar = doc(q("{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}"));
        assertThat(codes(awsStar, PolicyKind.RESOURCE)).contains("PUBLIC_ACCESS");
        String conditioned = doc(q("{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*',"
                + "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-123'}}}"));
        assertThat(codes(conditioned, PolicyKind.RESOURCE)).doesNotContain("PUBLIC_ACCESS");
        String named = doc(q("{'Effect':'Allow','Principal':{'AWS':'111122223333'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}"));
        assertThat(codes(named, PolicyKind.RESOURCE)).doesNotContain("PUBLIC_ACCESS");
    }

    @Test
    void notPrincipal() {
        String json = doc(q("{'Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::111122223333:user/admin'},"
                + "'Action':'s3:*','Resource':'arn:aws:s3:::b/*'}"));
        assertThat(codes(json, PolicyKind.RESOURCE)).contains("NOT_PRINCIPAL");
    }

    @Test
    void unknownGlobalConditionKey() {
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'IpAddress':{'aws:SorceIp':'10.0.0.0/8'}}}"))
                .contains("UNKNOWN_GLOBAL_KEY");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'IpAddress':{'AWS:SourceIP':'10.0.0.0/8'}}}"))
                .doesNotContain("UNKNOWN_GLOBAL_KEY");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':{'aws:PrincipalTag/team':'x','aws:RequestTag/env':'y','aws:ResourceTag/owner':'z'}}}"))
                .doesNotContain("UNKNOWN_GLOBAL_KEY");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':{'s3:prefix':'x'}}}"))
                .as("service keys are not checked").doesNotContain("UNKNOWN_GLOBAL_KEY");
    }

    @Test
    void likeWithoutWildcard() {
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringLike':{'s3:prefix':'home'}}}"))
                .contains("LIKE_WITHOUT_WILDCARD");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::b'}}}"))
                .contains("LIKE_WITHOUT_WILDCARD");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringLike':{'s3:prefix':'home/*'}}}"))
                .doesNotContain("LIKE_WITHOUT_WILDCARD");
    }

    @Test
    void mfaFalseWithoutIfExists() {
        assertThat(identityCodes("{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'Bool':{'aws:MultiFactorAuthPresent':'false'}}}"))
                .contains("MFA_FALSE_WITHOUT_IFEXISTS");
        assertThat(identityCodes("{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}}"))
                .doesNotContain("MFA_FALSE_WITHOUT_IFEXISTS");
        assertThat(identityCodes("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}}"))
                .doesNotContain("MFA_FALSE_WITHOUT_IFEXISTS");
    }

    @Test
    void redundantAction() {
        assertThat(identityCodes("{'Effect':'Allow','Action':['s3:*','s3:GetObject'],'Resource':'arn:aws:s3:::b/*'}"))
                .contains("REDUNDANT_ACTION");
        assertThat(identityCodes("{'Effect':'Allow','Action':['s3:GetObject','s3:PutObject'],'Resource':'arn:aws:s3:::b/*'}"))
                .doesNotContain("REDUNDANT_ACTION");
    }

    @Test
    void oldVersion() {
        String statement = q("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}");
        assertThat(codes("{\"Statement\":" + statement + "}", PolicyKind.IDENTITY)).contains("OLD_VERSION");
        assertThat(codes("{\"Version\":\"2008-10-17\",\"Statement\":" + statement + "}", PolicyKind.IDENTITY))
                .contains("OLD_VERSION");
        assertThat(codes(doc(statement), PolicyKind.IDENTITY)).doesNotContain("OLD_VERSION");
    }

    @Test
    void oldVersionWithVariablesIsAWarning() {
        String json = "{\"Statement\":" + q("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::home/${aws:username}/*'}") + "}";
        assertThat(ENGINE.validate(json, PolicyKind.IDENTITY).findings())
                .filteredOn(f -> f.code().equals("OLD_VERSION"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void findingsNameTheStatementAndAreOrderedBySeverity() {
        String json = "{\"Statement\":[" + q("{'Effect':'Allow','Action':['s3:*','s3:GetObject'],'Resource':'arn:aws:s3:::b/*'}")
                + "," + q("{'Sid':'Admin','Effect':'Allow','Action':'*','Resource':'*'}") + "]}";
        List<Finding> findings = ENGINE.validate(json, PolicyKind.IDENTITY).findings();
        assertThat(findings).extracting(Finding::severity).isSortedAccordingTo(Enum::compareTo);
        assertThat(findings).filteredOn(f -> f.code().equals("ALLOW_ALL")).singleElement()
                .satisfies(f -> {
                    assertThat(f.location()).contains("Statement[1]").contains("Admin");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).isNotBlank();
                });
        assertThat(findings).filteredOn(f -> f.code().equals("REDUNDANT_ACTION")).singleElement()
                .extracting(Finding::location).asString().contains("Statement[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "{", "not json", "{\"Statement\":5}", "{\"Version\":1}",
        "{\"Statement\":{\"Effect\":\"Allow\"}}", "\"string\"", "{\"a\":1}{\"b\":2}", "{\"Statement\":[null]}",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":5}}}"})
    void validateNeverThrowsOnGarbage(String garbage) {
        assertThatCode(() -> ENGINE.validate(garbage, PolicyKind.IDENTITY)).doesNotThrowAnyException();
        ValidationReport report = ENGINE.validate(garbage, PolicyKind.IDENTITY);
        assertThat(report.malformed()).isTrue();
        assertThat(report.findings().get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(report.findings().get(0).code()).isEqualTo("MALFORMED");
        assertThat(report.findings().get(0).message()).isNotBlank();
    }

    @Test
    void validateNeverThrowsOnNullOrDeeplyNestedInput() {
        assertThat(ENGINE.validate(null, PolicyKind.IDENTITY).malformed()).isTrue();
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatCode(() -> ENGINE.validate(deep, PolicyKind.RESOURCE)).doesNotThrowAnyException();
        String deepObject = "{\"Statement\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        assertThatCode(() -> ENGINE.validate(deepObject, PolicyKind.RESOURCE)).doesNotThrowAnyException();
    }

    @Test
    void malformedFindingLocatesTheStatement() {
        ValidationReport report = ENGINE.validate(doc(q("{'Sid':'X','Effect':'Maybe','Action':'s3:*','Resource':'*'}")),
                PolicyKind.IDENTITY);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("MALFORMED");
            assertThat(f.location()).isEqualTo("Statement[0] (Sid \"X\")");
            assertThat(f.message()).contains("Effect").contains("Maybe");
        });
    }
}
