package io.gatehouse.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A temporary-credential session, carried entirely inside its session token (no database row):
 * who it is, what it may do beyond its source's policies, and when it ends.
 *
 * @param accessKeyId the temporary key id (ASIA...)
 * @param secretAccessKey the temporary secret (inside the encrypted token only)
 * @param type how it was issued: AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity,
 *     GetSessionToken, GetFederationToken
 * @param accountId the account of the session's principal
 * @param principalArn {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, {@code
 *     arn:aws:sts::ACCT:federated-user/NAME}, or for GetSessionToken the IAM user's (or root's) ARN
 * @param principalId AWS's principal id: {@code AROA...:SESSION}, {@code ACCT:NAME}, or the user's id
 * @param sourceArn the role ARN (assumed roles) or the IAM user ARN that got the session
 * @param sessionName the role session name or federated user name; null for GetSessionToken
 * @param issuedAt issue time (aws:TokenIssueTime)
 * @param expiresAt end of validity
 * @param mfaAuthenticatedAt when MFA was presented for this session, or null
 * @param sourceIdentity the SourceIdentity, immutable across chaining, or null
 * @param sessionPolicies inline session policy documents (JSON); null when none was passed
 * @param sessionPolicyArns managed policy ARNs passed as session policies
 * @param tags session tags
 * @param transitiveTagKeys tag keys that pass on through role chaining
 * @param sourceId the unique id of the role ({@code AROA...}) or IAM user ({@code AIDA...}) that the
 *     session comes from, or null when the issuer did not record it (CloudTrail's sessionIssuer)
 */
public record Session(String accessKeyId, String secretAccessKey, String type, String accountId, String principalArn,
        String principalId, String sourceArn, String sessionName, Instant issuedAt, Instant expiresAt,
        Instant mfaAuthenticatedAt, String sourceIdentity, List<String> sessionPolicies, List<String> sessionPolicyArns,
        Map<String, String> tags, Set<String> transitiveTagKeys, String sourceId) {

    public Session {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        sessionPolicies = sessionPolicies == null ? null : List.copyOf(sessionPolicies);
        sessionPolicyArns = sessionPolicyArns == null ? List.of() : List.copyOf(sessionPolicyArns);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        transitiveTagKeys = transitiveTagKeys == null ? Set.of() : Set.copyOf(transitiveTagKeys);
    }

    /** A session whose issuer's unique id is not recorded (sourceId null). */
    public Session(String accessKeyId, String secretAccessKey, String type, String accountId, String principalArn,
            String principalId, String sourceArn, String sessionName, Instant issuedAt, Instant expiresAt,
            Instant mfaAuthenticatedAt, String sourceIdentity, List<String> sessionPolicies,
            List<String> sessionPolicyArns, Map<String, String> tags, Set<String> transitiveTagKeys) {
        this(accessKeyId, secretAccessKey, type, accountId, principalArn, principalId, sourceArn, sessionName, issuedAt,
                expiresAt, mfaAuthenticatedAt, sourceIdentity, sessionPolicies, sessionPolicyArns, tags,
                transitiveTagKeys, null);
    }

    /** Whether MFA was presented for this session. */
    public boolean mfa() {
        return mfaAuthenticatedAt != null;
    }
}
