package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A managed policy; accountId is null for the Gatehouse-managed ({@code arn:aws:iam::aws:policy/...}). */
@Entity
@Table(name = "iam_policy")
public class PolicyEntity extends PanacheEntityBase {
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
    @Column(name = "default_version")
    public String defaultVersion;
    @Column(name = "next_version")
    public int nextVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<PolicyEntity> byArn(String arn) {
        return find("arn", arn).firstResultOptional();
    }
}
