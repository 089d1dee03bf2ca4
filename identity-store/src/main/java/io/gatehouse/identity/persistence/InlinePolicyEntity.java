package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** An inline policy embedded in a user, group or role. */
@Entity
@Table(name = "iam_inline_policy")
@IdClass(InlinePolicyEntity.Key.class)
public class InlinePolicyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "principal_id")
    public String principalId;
    @Id
    @Column(name = "name_lower")
    public String nameLower;
    public String name;
    @Column(name = "principal_type")
    public String principalType;
    public String document;

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String principalId;
        public String nameLower;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(principalId, k.principalId) && Objects.equals(nameLower, k.nameLower);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principalId, nameLower);
        }
    }
}
