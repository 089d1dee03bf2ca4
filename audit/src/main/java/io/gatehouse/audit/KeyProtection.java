package io.gatehouse.audit;

/**
 * Seals the audit module's own secrets at rest (the digest signing key's private half) under
 * Gatehouse's master key. The identity store provides the implementation (AES-256-GCM under the
 * master key), so the audit module needs neither the key nor a dependency on the identity store.
 */
public interface KeyProtection {

    /** Seals {@code plaintext}, bound to {@code purpose}; returns text for a database column. */
    String seal(byte[] plaintext, String purpose);

    /**
     * Opens what {@link #seal} returned for the same {@code purpose}.
     *
     * @throws AuditException when it does not authenticate (damaged, other key, other purpose)
     */
    byte[] open(String sealed, String purpose);
}
