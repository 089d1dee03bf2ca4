package io.gatehouse.client;

/**
 * Gatehouse did not decide: it refused the resource server's own call (its credentials, its
 * {@code gatehouse:Authorize} permission, a malformed question: 4xx), failed (5xx), or could not be
 * reached (status 0). A resource server should answer its client with an error of its own (503
 * or 500), never let the request through.
 */
public class AuthorizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    public AuthorizationException(int status, String type, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
    }

    /** The HTTP status Gatehouse answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /** Gatehouse's error type ({@code __type}), e.g. {@code AccessDenied}; null when unreachable. */
    public String type() {
        return type;
    }
}
