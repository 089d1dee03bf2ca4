package io.gatehouse.policy;

/** The three results of AWS's evaluation logic. */
public enum Outcome {
    ALLOWED("allowed"),
    /** A Deny statement matched: nothing can override it. */
    EXPLICIT_DENY("explicitDeny"),
    /** No applicable Allow (or a guardrail, boundary or session policy did not allow). */
    IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    /** "allowed", "explicitDeny" or "implicitDeny". */
    public String wireName() {
        return wireName;
    }
}
