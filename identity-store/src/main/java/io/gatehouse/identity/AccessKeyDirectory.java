package io.gatehouse.identity;

import java.util.Optional;

/**
 * Which account an access key id belongs to, for STS's GetAccessKeyInfo. Read-only; reveals no
 * secret and not whether the key is active.
 */
public interface AccessKeyDirectory {
    /**
     * The 12-digit account of a key id. A long-term key ({@code AKIA...}) is looked up in the store;
     * a temporary one ({@code ASIA...}) and a long-term id the store does not hold are read from the
     * id itself, which carries its account as AWS's key ids do (no database read, no check that the
     * key exists). Empty when the id is not in that form (shorter than 20 characters, or not
     * Base32 after its 4-letter prefix). Must run in a transaction.
     */
    Optional<String> accountOf(String accessKeyId);
}
