package io.gatehouse.policy;

/**
 * What a document is used as. The kind decides which elements the grammar requires or forbids
 * and the default size limit (characters excluding white space), as IAM enforces them.
 */
public enum PolicyKind {
    /** Managed or inline identity-based policy: Resource required, Principal forbidden. */
    IDENTITY(6_144, false, true, true),
    /** Permissions boundary: an identity-based managed policy used as a limit. */
    BOUNDARY(6_144, false, true, true),
    /** Session policy passed to AssumeRole* or GetFederationToken. */
    SESSION(2_048, false, true, true),
    /** Service control policy of the organization; Resource optional (defaults to "*"). */
    SCP(5_120, false, false, true),
    /** Resource-based policy (bucket, queue, key ...): Principal required, Sids are free text. */
    RESOURCE(20_480, true, false, false),
    /** A role's trust policy: Principal required, Resource forbidden. */
    TRUST(2_048, true, false, true);

    private final int maxSize;
    private final boolean principalRequired;
    private final boolean resourceRequired;
    private final boolean strictSid;

    PolicyKind(int maxSize, boolean principalRequired, boolean resourceRequired, boolean strictSid) {
        this.maxSize = maxSize;
        this.principalRequired = principalRequired;
        this.resourceRequired = resourceRequired;
        this.strictSid = strictSid;
    }

    /** Default limit on the document's size, counted in characters excluding white space. */
    public int maxSize() {
        return maxSize;
    }

    /** Whether each statement must name a Principal or NotPrincipal (and may). */
    public boolean principalRequired() {
        return principalRequired;
    }

    /** Whether each statement must name a Resource or NotResource. */
    public boolean resourceRequired() {
        return resourceRequired;
    }

    /** Whether a Sid may hold only ASCII letters and digits, as IAM requires. */
    public boolean strictSid() {
        return strictSid;
    }
}
