package io.gatehouse.identity;

import java.util.Optional;

/**
 * Authenticated encryption of messages that Gatehouse hands out and alone can read back (encoded
 * authorization messages), under a key that Gatehouse owns. A message is bound to a purpose (e.g.
 * {@code sts:authorization-message:ACCOUNT}): it opens only under the same purpose.
 */
public interface SealedMessages {
    /** The message sealed and encoded as URL-safe base64 text without padding. */
    String seal(String purpose, byte[] message);

    /** The message, or empty when the text is not one of ours, was altered, or has another purpose. */
    Optional<byte[]> open(String purpose, String sealed);
}
