package io.gatehouse.policy;

/** The role a policy plays in one evaluation; it names the policy in explanations. */
public enum PolicyType {
    IDENTITY("identity"),
    RESOURCE("resource"),
    BOUNDARY("boundary"),
    SESSION("session"),
    SCP("scp");

    private final String label;

    PolicyType(String label) {
        this.label = label;
    }

    /** The lower-case label used in explanations, e.g. {@code identity[0]}. */
    public String label() {
        return label;
    }
}
