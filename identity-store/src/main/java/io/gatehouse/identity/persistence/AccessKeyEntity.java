package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A long-term access key; the secret is stored sealed under the master key, never in clear. */
@Entity
@Table(name = "iam_access_key")
public class AccessKeyEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "secret_sealed")
    public String secretSealed;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "last_used_service")
    public String lastUsedService;
    @Column(name = "last_used_region")
    public String lastUsedRegion;
}
