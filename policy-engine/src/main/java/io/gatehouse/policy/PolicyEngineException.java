package io.gatehouse.policy;

/** A fault of the engine itself (never caused by a caller's input); servers map it to a 5xx. */
public final class PolicyEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
