package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    static List<String> secretFields() {
        return List.copyOf(Redactor.SECRET_FIELDS);
    }

    @ParameterizedTest
    @MethodSource("secretFields")
    void hidesEverySecretAtTopLevelAndAtDepth(String name) {
        Map<String, Object> redacted = Redactor.redact(Map.of(
                name, "s3cr3t",
                "outer", Map.of("inner", Map.of(name, "s3cr3t", "keep", "visible")),
                "items", List.of(Map.of(name, "s3cr3t"), List.of(Map.of(name, "s3cr3t")))));

        assertThat(redacted).containsEntry(name, HIDDEN);
        assertThat(redacted.get("outer")).isEqualTo(Map.of("inner", Map.of(name, HIDDEN, "keep", "visible")));
        assertThat(redacted.get("items")).isEqualTo(List.of(Map.of(name, HIDDEN), List.of(Map.of(name, HIDDEN))));
        assertThat(redacted.toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @MethodSource("secretFields")
    void matchesNamesInAnyCase(String name) {
        assertThat(Redactor.redact(Map.of(name.toUpperCase(), "x", name.toLowerCase() + "", "y")).values())
                .containsOnly(HIDDEN);
    }

    @Test
    void hidesTheNamesCloudTrailAndOAuthUse() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("SAMLAssertion", "PHNhbWw+");
        request.put("sAMLAssertion", "PHNhbWw+");
        request.put("webIdentityToken", "eyJ");
        request.put("newPassword", "n");
        request.put("oldPassword", "o");
        request.put("authenticationCode1", "123456");
        request.put("authenticationCode2", "654321");
        request.put("tokenCode", "123456");
        request.put("clientSecret", "cs");
        request.put("code", "authz-code");
        request.put("deviceCode", "dc");
        request.put("codeVerifier", "cv");

        assertThat(Redactor.redact(request).values()).containsOnly(HIDDEN);
    }

    @Test
    void replacesASecretHoldingAnObjectOrArrayWhole() {
        Map<String, Object> redacted = Redactor.redact(Map.of(
                "privateKey", Map.of("kty", "RSA", "d", "xyz"),
                "refreshToken", List.of("a", "b")));

        assertThat(redacted).containsEntry("privateKey", HIDDEN).containsEntry("refreshToken", HIDDEN);
    }

    @Test
    void keepsNonSecretFieldsAndTheirOrder() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("credentials", Map.of("accessKeyId", "ASIAIOSFODNN7EXAMPLE",
                "secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "sessionToken", "IQoJb3JpZ2luX2VjEXAMPLE", "expiration", "Nov 23, 2026, 9:00:00 AM"));
        response.put("assumedRoleUser", Map.of("arn", "arn:aws:sts::123456789012:assumed-role/R/s",
                "assumedRoleId", "AROAEXAMPLE:s"));
        response.put("packedPolicySize", 6);
        response.put("passwordLastUsed", "never");
        response.put("userName", "bob");

        Map<String, Object> redacted = Redactor.redact(response);

        assertThat(redacted.keySet()).containsExactly("credentials", "assumedRoleUser", "packedPolicySize",
                "passwordLastUsed", "userName");
        assertThat(redacted.get("credentials")).isEqualTo(Map.of("accessKeyId", "ASIAIOSFODNN7EXAMPLE",
                "secretAccessKey", HIDDEN, "sessionToken", HIDDEN, "expiration", "Nov 23, 2026, 9:00:00 AM"));
        assertThat(redacted.get("assumedRoleUser")).isEqualTo(response.get("assumedRoleUser"));
        assertThat(redacted).containsEntry("packedPolicySize", 6)
                .containsEntry("passwordLastUsed", "never")
                .containsEntry("userName", "bob");
    }

    @Test
    void redactsAllThreeDocumentsOfAnEvent() {
        AuditEvent event = Events.createUser()
                .requestParameters(Map.of("userName", "bob", "password", "hunter2"))
                .responseElements(Map.of("credentials", Map.of("secretAccessKey", "k")))
                .additionalEventData(Map.of("MFAUsed", "Yes", "tokenCode", "123456"))
                .build();

        AuditEvent redacted = Redactor.redact(event);

        assertThat(redacted.requestParameters()).isEqualTo(Map.of("userName", "bob", "password", HIDDEN));
        assertThat(redacted.responseElements()).isEqualTo(Map.of("credentials", Map.of("secretAccessKey", HIDDEN)));
        assertThat(redacted.additionalEventData()).isEqualTo(Map.of("MFAUsed", "Yes", "tokenCode", HIDDEN));
        assertThat(redacted.toBuilder().requestParameters(event.requestParameters()).responseElements(
                event.responseElements()).additionalEventData(event.additionalEventData()).build()).isEqualTo(event);
    }

    @Test
    void returnsAnEventWithoutSecretsUnchanged() {
        AuditEvent event = Events.createUser().additionalEventData(null).build();

        assertThat(Redactor.redact(event)).isSameAs(event);
        assertThat(Redactor.redact((Map<String, Object>) null)).isNull();
    }
}
