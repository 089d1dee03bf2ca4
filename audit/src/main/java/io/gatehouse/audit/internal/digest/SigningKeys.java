package io.gatehouse.audit.internal.digest;

import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.KeyProtection;
import io.gatehouse.audit.internal.chain.Chain;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digest signing keys in {@code aud_signing_key}: ECDSA P-256, the public key as base64 DER
 * (X.509 SubjectPublicKeyInfo), its fingerprint the SHA-256 of that DER in hex, the private key
 * (PKCS#8) sealed by {@link KeyProtection}. The active relay creates the first key inside its lease,
 * so replicas never race to create one.
 */
public final class SigningKeys {

    /** The JCA signature algorithm of digests. */
    public static final String ALGORITHM = "SHA256withECDSA";

    /** A key that signs: its fingerprint and private half. */
    public record Active(String fingerprint, PrivateKey privateKey) {
    }

    /** A published key. */
    public record Published(String fingerprint, String publicKey, Instant createdAt, boolean active) {
    }

    private final KeyProtection protection;
    private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();

    public SigningKeys(KeyProtection protection) {
        this.protection = protection;
    }

    /** The active key, created now if there is none. In the caller's transaction. */
    public Active active(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, private_key_sealed FROM aud_signing_key WHERE active = TRUE");
                ResultSet row = select.executeQuery()) {
            if (row.next()) {
                String fingerprint = row.getString(1);
                String sealed = row.getString(2);
                return new Active(fingerprint, opened.computeIfAbsent(fingerprint, f -> open(f, sealed)));
            }
        }
        return create(connection, now);
    }

    /** Every key, newest first, for the well-known URL. */
    public static List<Published> published(Connection connection) throws SQLException {
        List<Published> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, public_key, created_at, active FROM aud_signing_key ORDER BY created_at DESC");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                keys.add(new Published(row.getString(1), row.getString(2),
                        row.getTimestamp(3).toLocalDateTime().toInstant(ZoneOffset.UTC), row.getBoolean(4)));
            }
        }
        return keys;
    }

    private Active create(Connection connection, Instant now) throws SQLException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AuditException("cannot create the audit digest signing key", e);
        }
        byte[] publicDer = pair.getPublic().getEncoded();
        String fingerprint = Chain.sha256Hex(publicDer);
        byte[] privateDer = pair.getPrivate().getEncoded();
        String sealed;
        try {
            sealed = protection.seal(privateDer, purpose(fingerprint));
        } finally {
            Arrays.fill(privateDer, (byte) 0);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO aud_signing_key"
                + " (fingerprint, public_key, private_key_sealed, created_at, active) VALUES (?, ?, ?, ?, TRUE)")) {
            insert.setString(1, fingerprint);
            insert.setString(2, Base64.getEncoder().encodeToString(publicDer));
            insert.setString(3, sealed);
            insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
            insert.executeUpdate();
        }
        opened.put(fingerprint, pair.getPrivate());
        return new Active(fingerprint, pair.getPrivate());
    }

    private PrivateKey open(String fingerprint, String sealed) {
        byte[] der = protection.open(sealed, purpose(fingerprint));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new AuditException("stored audit signing key " + fingerprint + " does not decode", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static String purpose(String fingerprint) {
        return "audit:digest-signing-key:" + fingerprint;
    }
}
