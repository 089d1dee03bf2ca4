package io.gatehouse.audit;

/**
 * A fault of the audit module itself: the event could not be recorded or read back (no
 * transaction to join, database failure, a stored record that no longer parses). Never caused by a
 * client's input, so it maps to a 5xx error; the change the event records must not commit without
 * it.
 */
public class AuditException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
