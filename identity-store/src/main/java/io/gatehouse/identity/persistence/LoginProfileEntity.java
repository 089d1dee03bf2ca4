package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's console password (Argon2id hash only). */
@Entity
@Table(name = "iam_login_profile")
public class LoginProfileEntity extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "reset_required")
    public boolean resetRequired;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "changed_at")
    public Instant changedAt;
}
