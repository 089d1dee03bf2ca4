package io.gatehouse.policy;

/** A statement's Effect. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String wireName;

    Effect(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in policy documents: "Allow" or "Deny". */
    public String wireName() {
        return wireName;
    }
}
