package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** An IAM role with its trust policy. */
@Entity
@Table(name = "iam_role")
public class RoleEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String path;
    public String arn;
    public String description;
    @Column(name = "trust_policy")
    public String trustPolicy;
    @Column(name = "max_session_duration")
    public int maxSessionDuration;
    @Column(name = "boundary_arn")
    public String boundaryArn;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "last_used_region")
    public String lastUsedRegion;
    @Column(name = "sessions_revoked_before")
    public Instant sessionsRevokedBefore;

    public static Optional<RoleEntity> byName(String accountId, String name) {
        return find("accountId = ?1 and nameLower = ?2", accountId, name.toLowerCase(Locale.ROOT)).firstResultOptional();
    }
}
