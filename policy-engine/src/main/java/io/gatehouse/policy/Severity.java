package io.gatehouse.policy;

/** How serious a validation finding is. */
public enum Severity {
    /** The document is refused. */
    ERROR,
    /** The document is valid but risky or probably not what its author meant. */
    WARNING,
    /** A suggestion. */
    SUGGESTION
}
