package io.gatehouse.identity;

/** Draws the key pair of a temporary credential, in AWS's formats, from a secure random source. */
public interface TemporaryKeys {
    /**
     * A new key pair: an {@code ASIA...} access key id and a 40-character secret. The id carries no
     * account; prefer {@link #draw(String)}.
     */
    KeyPair draw();

    /**
     * A new key pair whose {@code ASIA...} id carries {@code accountId} as AWS's key ids do, so
     * GetAccessKeyInfo answers for it without a database read.
     */
    KeyPair draw(String accountId);

    /** A temporary access key id and its secret. */
    record KeyPair(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "KeyPair[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }
}
