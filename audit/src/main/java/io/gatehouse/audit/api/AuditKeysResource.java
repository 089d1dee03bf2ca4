package io.gatehouse.audit.api;

import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.internal.digest.SigningKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /.well-known/gatehouse-audit-keys}: the public keys that verify audit digests, as
 * {@code {"keys":[{"fingerprint","algorithm","curve","signatureAlgorithm","publicKey","createdAt","active"}]}}.
 * {@code publicKey} is base64 DER (X.509 SubjectPublicKeyInfo); {@code fingerprint} its SHA-256 in
 * hex, which digests name. Public, unauthenticated, like a JWKS.
 */
@Path("/.well-known/gatehouse-audit-keys")
public class AuditKeysResource {

    @Inject
    DataSource dataSource;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        try (Connection connection = dataSource.getConnection()) {
            List<Map<String, Object>> keys = SigningKeys.published(connection).stream().map(key -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("fingerprint", key.fingerprint());
                entry.put("algorithm", "EC");
                entry.put("curve", "P-256");
                entry.put("signatureAlgorithm", SigningKeys.ALGORITHM);
                entry.put("publicKey", key.publicKey());
                entry.put("createdAt", key.createdAt().toString());
                entry.put("active", key.active());
                return entry;
            }).toList();
            return Map.of("keys", keys);
        } catch (SQLException e) {
            throw new AuditException("cannot read the audit signing keys", e);
        }
    }
}
