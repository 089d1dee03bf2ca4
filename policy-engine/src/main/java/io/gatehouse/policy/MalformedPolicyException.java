package io.gatehouse.policy;

/**
 * A policy document was refused because it is not valid in the IAM policy grammar, breaks a size
 * limit, or uses an element its {@link PolicyKind} forbids. This is rejected input, not a fault:
 * servers map it to the protocol's {@code MalformedPolicyDocument} error.
 *
 * <p>The message names the place and the field, for example
 * {@code Statement[1] (Sid "ReadOnly"): Effect must be "Allow" or "Deny", got "allow"}.
 */
public final class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the specific reason, naming the statement and field where there is one */
    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
