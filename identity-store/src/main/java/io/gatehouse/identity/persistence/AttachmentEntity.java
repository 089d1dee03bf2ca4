package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A managed policy attached to a user, group or role. */
@Entity
@Table(name = "iam_attachment")
@IdClass(AttachmentEntity.Key.class)
public class AttachmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "principal_id")
    public String principalId;
    @Id
    @Column(name = "policy_id")
    public String policyId;
    /** USER, GROUP or ROLE. */
    @Column(name = "principal_type")
    public String principalType;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String principalId;
        public String policyId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(principalId, k.principalId) && Objects.equals(policyId, k.policyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principalId, policyId);
        }
    }
}
