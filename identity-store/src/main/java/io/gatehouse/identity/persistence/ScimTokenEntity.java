package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A SCIM bearer token: only the SHA-256 (hex) of the token is stored. */
@Entity
@Table(name = "iam_scim_token")
public class ScimTokenEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "store_id")
    public String storeId;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
