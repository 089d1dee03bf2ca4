package io.gatehouse.audit;

/**
 * A call's event was not stored because what the call relied on had changed
 * ({@link Precondition}): the call must be made again, reading afresh, and its answer thrown away.
 * Nothing of the call is recorded.
 */
public class PreconditionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String message) {
        super(message, null, false, false);
    }
}
