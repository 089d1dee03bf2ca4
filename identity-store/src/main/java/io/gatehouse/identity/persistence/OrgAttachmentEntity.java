package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** An organization policy attached to the root, an OU or an account. */
@Entity
@Table(name = "iam_org_attachment")
@IdClass(OrgAttachmentEntity.Key.class)
public class OrgAttachmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "policy_id")
    public String policyId;
    @Id
    @Column(name = "target_id")
    public String targetId;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String policyId;
        public String targetId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(policyId, k.policyId) && Objects.equals(targetId, k.targetId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, targetId);
        }
    }
}
