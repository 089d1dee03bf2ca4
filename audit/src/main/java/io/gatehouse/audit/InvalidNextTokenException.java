package io.gatehouse.audit;

/**
 * A LookupEvents next token that was not issued for the query it came with, or is not a token at
 * all. Rejected input, not a fault of the module: the API answers it as a 400 error.
 */
public class InvalidNextTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidNextTokenException(String message) {
        super(message, null, false, false);
    }
}
