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

/** One version of a managed policy's document. */
@Entity
@Table(name = "iam_policy_version")
@IdClass(PolicyVersionEntity.Key.class)
public class PolicyVersionEntity extends PanacheEntityBase {
    @Id
    @Column(name = "policy_id")
    public String policyId;
    @Id
    @Column(name = "version_id")
    public String versionId;
    public String document;
    @Column(name = "created_at")
    public Instant createdAt;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String policyId;
        public String versionId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(policyId, k.policyId) && Objects.equals(versionId, k.versionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, versionId);
        }
    }
}
