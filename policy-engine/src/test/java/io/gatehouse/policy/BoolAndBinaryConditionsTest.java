package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Bool and BinaryEquals operators. */
class BoolAndBinaryConditionsTest {
    private static final String MFA = "aws:MultiFactorAuthPresent";
    private static final String TLS = "aws:SecureTransport";

    @Test
    void boolTrueMatchesTrueOnly() {
        assertThat(condition("Bool", TLS, "\"true\"", ctx(TLS, "true"))).isTrue();
        assertThat(condition("Bool", TLS, "\"true\"", ctx(TLS, "false"))).isFalse();
        assertThat(condition("Bool", TLS, "true", ctx(TLS, "true"))).as("JSON boolean").isTrue();
    }

    @Test
    void boolFalseMatchesFalseOnly() {
        assertThat(condition("Bool", TLS, "\"false\"", ctx(TLS, "false"))).isTrue();
        assertThat(condition("Bool", TLS, "\"false\"", ctx(TLS, "true"))).isFalse();
    }

    @Test
    void boolOnMissingKeyIsFalseEvenForFalse() {
        // IAM User Guide: a request made with long-term keys has no aws:MultiFactorAuthPresent,
        // so {"Bool": {"aws:MultiFactorAuthPresent": "false"}} does not match it.
        assertThat(condition("Bool", MFA, "\"false\"", ctx())).isFalse();
        assertThat(condition("BoolIfExists", MFA, "\"false\"", ctx())).isTrue();
        assertThat(condition("BoolIfExists", MFA, "\"false\"", ctx(MFA, "true"))).isFalse();
    }

    @Test
    void nonBooleanRequestValueDoesNotMatch() {
        assertThat(condition("Bool", TLS, "\"true\"", ctx(TLS, "yes"))).isFalse();
        assertThat(condition("Bool", TLS, "\"false\"", ctx(TLS, "0"))).isFalse();
    }

    @Test
    void nonBooleanPolicyValueIsRefused() {
        assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'yes'}}}")),
                PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("Bool")
                .hasMessageContaining("yes");
    }

    @Test
    void binaryEqualsComparesDecodedBytes() {
        String value = Base64.getEncoder().encodeToString("QmluYXJ5VmFsdWU".getBytes(StandardCharsets.UTF_8));
        String other = Base64.getEncoder().encodeToString("something else".getBytes(StandardCharsets.UTF_8));
        assertThat(condition("BinaryEquals", "aws:PrincipalTag/blob", "\"" + value + "\"",
                ctx("aws:PrincipalTag/blob", value))).isTrue();
        assertThat(condition("BinaryEquals", "aws:PrincipalTag/blob", "\"" + value + "\"",
                ctx("aws:PrincipalTag/blob", other))).isFalse();
        assertThat(condition("BinaryEquals", "aws:PrincipalTag/blob", "\"" + value + "\"",
                ctx("aws:PrincipalTag/blob", "!!not base64!!"))).isFalse();
        assertThat(condition("BinaryEquals", "aws:PrincipalTag/blob", "\"" + value + "\"", ctx())).isFalse();
    }

    @Test
    void invalidBase64PolicyValueIsRefused() {
        assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'BinaryEquals':{'aws:PrincipalTag/blob':'@@@'}}}")),
                PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("base64");
    }
}
