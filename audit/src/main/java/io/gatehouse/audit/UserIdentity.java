package io.gatehouse.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who made the request: CloudTrail's {@code userIdentity} element.
 *
 * <p>Only {@link #type()} is required; the other fields are null when they do not apply (an
 * {@code AWSService} identity has only {@code invokedBy}; an {@code AssumedRole} has no
 * {@code userName} but a {@code sessionContext} whose issuer is the role). Build one with
 * {@link #builder(Type)}.
 *
 * @param type the kind of principal
 * @param principalId the principal's unique ID ({@code AIDA...}; for a role session
 *     {@code AROA...:sessionName})
 * @param arn the principal's ARN (for a role session the {@code assumed-role} ARN)
 * @param accountId the account that owns the principal
 * @param accessKeyId the access key that signed the request, if one did
 * @param userName the friendly name of an IAM user or root; null for role sessions
 * @param sessionContext the temporary-credential session, if the request used one
 * @param invokedBy the service that made the request on the principal's behalf
 * @param identityProvider the identity provider of a {@code SAMLUser} or {@code WebIdentityUser}
 */
public record UserIdentity(
        Type type,
        String principalId,
        String arn,
        String accountId,
        String accessKeyId,
        String userName,
        SessionContext sessionContext,
        String invokedBy,
        String identityProvider) {

    public UserIdentity {
        Objects.requireNonNull(type, "type");
    }

    /** A builder for an identity of {@code type}. */
    public static Builder builder(Type type) {
        return new Builder(type);
    }

    /** The {@code userIdentity.type} values CloudTrail writes. */
    public enum Type {
        ROOT("Root"),
        IAM_USER("IAMUser"),
        ASSUMED_ROLE("AssumedRole"),
        FEDERATED_USER("FederatedUser"),
        SAML_USER("SAMLUser"),
        WEB_IDENTITY_USER("WebIdentityUser"),
        IDENTITY_CENTER_USER("IdentityCenterUser"),
        AWS_SERVICE("AWSService"),
        AWS_ACCOUNT("AWSAccount"),
        UNKNOWN("Unknown");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The name as CloudTrail writes it, e.g. {@code IAMUser}. */
        public String wireName() {
            return wireName;
        }

        /**
         * The type CloudTrail writes as {@code wireName}.
         *
         * @throws IllegalArgumentException when no type has that name
         */
        public static Type fromWireName(String wireName) {
            for (Type type : values()) {
                if (type.wireName.equals(wireName)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown userIdentity type: " + wireName);
        }
    }

    /**
     * The session behind temporary credentials: {@code userIdentity.sessionContext}. Every field
     * may be null (an IAM user's console session has only {@code attributes}).
     *
     * @param sessionIssuer the role, user or root that issued the session
     * @param attributes when the session was created and whether MFA was used
     * @param sourceIdentity the source identity set when the role was assumed
     */
    public record SessionContext(SessionIssuer sessionIssuer, SessionAttributes attributes, String sourceIdentity) {
    }

    /**
     * The principal that issued a session: {@code sessionContext.sessionIssuer}.
     *
     * @param type {@code Role}, {@code IAMUser} or {@code Root}
     * @param principalId the issuer's unique ID
     * @param arn the issuer's ARN
     * @param accountId the account that owns the issuer
     * @param userName the issuer's friendly name (a role's name)
     */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
    }

    /**
     * {@code sessionContext.attributes}.
     *
     * @param creationDate when the credentials were issued; held to the second, as CloudTrail
     *     writes it
     * @param mfaAuthenticated whether the session was authenticated with MFA
     */
    public record SessionAttributes(Instant creationDate, boolean mfaAuthenticated) {

        public SessionAttributes {
            Objects.requireNonNull(creationDate, "creationDate");
            creationDate = creationDate.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** Builds a {@link UserIdentity}; every field but the type is optional. */
    public static final class Builder {

        private final Type type;
        private String principalId;
        private String arn;
        private String accountId;
        private String accessKeyId;
        private String userName;
        private SessionContext sessionContext;
        private String invokedBy;
        private String identityProvider;

        private Builder(Type type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder principalId(String principalId) {
            this.principalId = principalId;
            return this;
        }

        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder userName(String userName) {
            this.userName = userName;
            return this;
        }

        public Builder sessionContext(SessionContext sessionContext) {
            this.sessionContext = sessionContext;
            return this;
        }

        public Builder invokedBy(String invokedBy) {
            this.invokedBy = invokedBy;
            return this;
        }

        public Builder identityProvider(String identityProvider) {
            this.identityProvider = identityProvider;
            return this;
        }

        public UserIdentity build() {
            return new UserIdentity(type, principalId, arn, accountId, accessKeyId, userName, sessionContext,
                    invokedBy, identityProvider);
        }
    }
}
