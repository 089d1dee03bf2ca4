package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes secrets from an event before anything stores it: the value of every field whose name is
 * in {@link #SECRET_FIELDS} (compared case-insensitively), at any depth of
 * {@code requestParameters}, {@code responseElements} and {@code additionalEventData}, inside
 * objects and arrays alike, becomes {@value #PLACEHOLDER}, the text CloudTrail itself writes. A
 * secret field that holds an object or array is replaced whole. Other fields are kept as they are.
 *
 * <p>Callers should never pass secrets; this is the defense in depth that keeps them out of the
 * outbox, Kafka and LookupEvents when one slips through. Matching is by field name only, so a name
 * on the list is hidden wherever it appears, even where it happens to hold nothing secret.
 */
public final class Redactor {

    /** What a secret's value becomes, as in CloudTrail's own records. */
    public static final String PLACEHOLDER = "HIDDEN_DUE_TO_SECURITY_REASONS";

    /**
     * The field names whose values are hidden, as they appear in AWS and OAuth/OIDC requests and
     * responses. Compared case-insensitively, so {@code SAMLAssertion} and {@code sAMLAssertion}
     * are the same entry.
     */
    public static final Set<String> SECRET_FIELDS = Set.of(
            // passwords: IAM CreateLoginProfile/UpdateLoginProfile/ChangePassword, console sign-in
            "password", "newPassword", "oldPassword", "currentPassword",
            // long-term and temporary credentials (credentials.secretAccessKey, credentials.sessionToken)
            "secretAccessKey", "sessionToken",
            // MFA: EnableMFADevice/ResyncMFADevice codes, AssumeRole/GetSessionToken TokenCode,
            // a virtual device's seed and QR code from CreateVirtualMFADevice
            "authenticationCode1", "authenticationCode2", "tokenCode", "base32StringSeed", "qRCodePNG",
            // keys and signed assertions: UploadSigningCertificate/SSH keys' private halves,
            // AssumeRoleWithSAML, AssumeRoleWithWebIdentity
            "privateKey", "sAMLAssertion", "SAMLResponse", "webIdentityToken",
            // OAuth 2.0 / OIDC (SSO OIDC CreateToken, the device flow, token exchange, JWT bearer):
            // client secrets, tokens, authorization and device codes, PKCE verifiers, assertions
            "clientSecret", "accessToken", "refreshToken", "idToken", "code", "deviceCode", "codeVerifier",
            "assertion", "subjectToken");

    private static final Set<String> LOWER_CASE = SECRET_FIELDS.stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private Redactor() {
    }

    /** {@code event} with its secrets hidden; the same instance when it holds none. */
    public static AuditEvent redact(AuditEvent event) {
        Map<String, Object> request = redact(event.requestParameters());
        Map<String, Object> response = redact(event.responseElements());
        Map<String, Object> additional = redact(event.additionalEventData());
        if (Objects.equals(request, event.requestParameters())
                && Objects.equals(response, event.responseElements())
                && Objects.equals(additional, event.additionalEventData())) {
            return event;
        }
        return event.toBuilder()
                .requestParameters(request)
                .responseElements(response)
                .additionalEventData(additional)
                .build();
    }

    /** A copy of {@code object} with its secrets hidden at every depth; null for null. */
    public static Map<String, Object> redact(Map<String, ?> object) {
        if (object == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((name, value) ->
                copy.put(name, isSecret(name) ? PLACEHOLDER : redactValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** True when values of a field named {@code name} are hidden. */
    public static boolean isSecret(String name) {
        return name != null && LOWER_CASE.contains(name.toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(redactValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
