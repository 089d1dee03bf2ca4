package io.gatehouse.identity.internal.crypto;

/**
 * A sealed secret could not be opened: wrong key, wrong associated data, truncation or tampering.
 * Sealed boxes are only ever written by us, so this is a fault of ours (or an attack on the store),
 * never a rejected user input: map it to a 5xx. The message never contains the box or its content.
 */
public class SecretBoxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretBoxException(String message) {
        super(message, null, false, false);
    }
}
