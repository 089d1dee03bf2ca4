package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One password a user has had (Argon2id hash only), for the account policy's reuse prevention. */
@Entity
@Table(name = "iam_password_history")
@IdClass(PasswordHistoryEntity.Key.class)
public class PasswordHistoryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Id
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "password_hash")
    public String passwordHash;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String userId;
        public Instant createdAt;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(createdAt, k.createdAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, createdAt);
        }
    }
}
